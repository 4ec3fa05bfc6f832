import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import type { EnvironmentProviders, Provider, Type } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { provideTestApp } from './test-providers';

/** A dialog component as a spec drives it: its fixture, harness loader, the test backend and its `close` spy. */
export interface DialogUnderTest<C> {
  readonly fixture: ComponentFixture<C>;
  readonly loader: HarnessLoader;
  readonly backend: HttpTestingController;
  /** `MatDialogRef.close`: what the dialog closed with. */
  readonly close: jasmine.Spy;
}

export interface OpenDialogOptions {
  /** Added to the test app's. */
  readonly providers?: (Provider | EnvironmentProviders)[];
  /** Runs once the testing module is configured, before the dialog is created (to sign in, or spy on a service). */
  readonly beforeCreate?: () => void;
}

/**
 * Creates `component` as `MatDialog` would open it with `data` (on the test app of
 * {@link provideTestApp}), once stable: its first requests wait in `backend`.
 */
export async function openDialog<C>(component: Type<C>, data: unknown, options: OpenDialogOptions = {}): Promise<DialogUnderTest<C>> {
  const close = jasmine.createSpy('close');
  TestBed.configureTestingModule({
    providers: [provideTestApp(), { provide: MAT_DIALOG_DATA, useValue: data }, { provide: MatDialogRef, useValue: { close } }, ...(options.providers ?? [])],
  });
  const backend = TestBed.inject(HttpTestingController);
  options.beforeCreate?.();
  const fixture = TestBed.createComponent(component);
  const loader = TestbedHarnessEnvironment.loader(fixture);
  await fixture.whenStable();
  return { fixture, loader, backend, close };
}
