import { Component, provideZonelessChangeDetection, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FormErrors } from './form-errors';

@Component({
  imports: [FormErrors],
  template: `<app-form-errors [messages]="messages()" />`,
})
class Host {
  readonly messages = signal<string[]>([]);
}

describe('FormErrors', () => {
  it('shows nothing without messages, then each message in one alert', async () => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('[role=alert]')).toBeNull();

    fixture.componentInstance.messages.set(['Le code AGE est déjà utilisé.', 'Autre erreur.']);
    await fixture.whenStable();
    const alerts = element.querySelectorAll('[role=alert]');
    expect(alerts.length).toBe(1);
    expect([...alerts[0].querySelectorAll('p')].map((p) => p.textContent)).toEqual(['Le code AGE est déjà utilisé.', 'Autre erreur.']);
  });
});
