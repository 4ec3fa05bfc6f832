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

/**
 * Creates `component` as `MatDialog` would open it with `data` (on the test app of
 * {@link provideTestApp}, plus `providers`), once stable: its first requests wait in `backend`.
 */
export async function openDialog<C>(
  component: Type<C>,
  data: unknown,
  providers: (Provider | EnvironmentProviders)[] = [],
): Promise<DialogUnderTest<C>> {
  const close = jasmine.createSpy('close');
  TestBed.configureTestingModule({
    providers: [provideTestApp(), { provide: MAT_DIALOG_DATA, useValue: data }, { provide: MatDialogRef, useValue: { close } }, ...providers],
  });
  const backend = TestBed.inject(HttpTestingController);
  const fixture = TestBed.createComponent(component);
  const loader = TestbedHarnessEnvironment.loader(fixture);
  await fixture.whenStable();
  return { fixture, loader, backend, close };
}
