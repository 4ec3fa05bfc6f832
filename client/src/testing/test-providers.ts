import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentProviders, Provider, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MAT_ICON_DEFAULT_OPTIONS } from '@angular/material/icon';
import { Routes, provideRouter, withComponentInputBinding } from '@angular/router';
import type { Me, Role } from '@cn2r/shared';
import { AuthService } from '../app/core/auth/auth-service';
import { apiErrorInterceptor } from '../app/core/http/api-error-interceptor';
import { provideFrenchLocale } from '../app/core/i18n/provide-french-locale';

/** What every spec needs: zoneless, French locale, HttpClient with the real interceptor on a test backend. */
export function provideTestApp(routes: Routes = []): (Provider | EnvironmentProviders)[] {
  return [
    provideZonelessChangeDetection(),
    provideRouter(routes, withComponentInputBinding()),
    provideHttpClient(withInterceptors([apiErrorInterceptor])),
    provideHttpClientTesting(),
    provideFrenchLocale(),
    { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
    { provide: MAT_ICON_DEFAULT_OPTIONS, useValue: { fontSet: 'material-symbols-outlined' } },
  ];
}

const names: Record<Role, string> = {
  admin: 'Alice Admin',
  unit_lead: 'Luc Responsable',
  finance: 'Fanny Finances',
  board: 'Bernard Bureau',
};

/** A signed-in user of the given role; unit leads run two units. */
export function aUser(role: Role, overrides: Partial<Me> = {}): Me {
  return {
    id: 7,
    email: `${role}@demo.local`,
    displayName: names[role],
    role,
    units:
      role === 'unit_lead'
        ? [
            { id: 1, code: 'CRP-IDF', name: 'CRP Île-de-France' },
            { id: 2, code: 'CRP-ARA', name: 'CRP Auvergne-Rhône-Alpes' },
          ]
        : [],
    ...overrides,
  };
}

/** Signs in through the real AuthService, answering its POST /api/auth/login on the test backend. */
export function signInAs(me: Me): void {
  TestBed.inject(AuthService).login(me.email, 'mot-de-passe-de-test').subscribe();
  TestBed.inject(HttpTestingController).expectOne('/api/auth/login').flush(me);
}
