import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import type { FundingSource } from '@cn2r/shared';
import { provideTestApp } from '../../../testing/test-providers';
import { NotificationDialog, type NotificationDialogData } from './notification-dialog';

const stamp = { createdAt: '2026-01-01T09:00:00.000Z', updatedAt: '2026-01-01T09:00:00.000Z', version: 1 };
const inKind: FundingSource = {
  id: 2,
  code: 'MIN-ARMEES',
  label: 'Armées',
  funder: 'Ministère des Armées',
  nature: 'seconded_staff',
  inKind: true,
  notifications: [],
  valuations: [{ year: 2026, valueCents: 21_000_000, valueMasked: null, headcount: 2, etpt: '2,00' }],
  ...stamp,
};

describe('NotificationDialog', () => {
  function open(data: NotificationDialogData): HTMLElement {
    TestBed.configureTestingModule({ providers: [...provideTestApp(), { provide: MAT_DIALOG_DATA, useValue: data }, { provide: MatDialogRef, useValue: { close: () => undefined } }] });
    const fixture = TestBed.createComponent(NotificationDialog);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }
  const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

  it('shows an in-kind source’s valuation read-only, with where it comes from: no amount to type', () => {
    const el = open({ source: inKind, year: 2026 });
    expect(squash(el.querySelector('h2')!.textContent)).toBe('Valorisation 2026 — MIN-ARMEES');
    expect(squash(el.querySelector('.in-kind-value')!.textContent)).toBe('210 000,00 € (2 personnes, 2,00 ETPT)');
    expect(squash(el.querySelector('.help')!.textContent)).toBe('Valorisation issue des fiches de personnel mis à disposition (coût employeur) : elle ne se saisit pas.');
    expect(el.querySelectorAll('input').length).toBe(0);
  });

  it('offers the notified amount and its reference for a cash source', () => {
    const el = open({ source: { ...inKind, code: 'MIG-H15', nature: 'mig', inKind: false, valuations: [] }, year: 2026 });
    expect(squash(el.querySelector('h2')!.textContent)).toBe('Montant notifié 2026 — MIG-H15');
    expect(el.querySelectorAll('input').length).toBe(2);
  });
});
