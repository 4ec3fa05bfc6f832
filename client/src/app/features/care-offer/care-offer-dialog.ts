import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatAutocompleteModule, type MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  CreateCareOffer,
  UpdateCareOffer,
  careOfferAccessLabels,
  careOfferCareLabels,
  careOfferKindLabels,
  careOfferPublicLabels,
  type CareOffer,
  type CareOfferAccess,
  type CareOfferCare,
  type CareOfferKind,
  type CareOfferPublic,
  type Commune,
  InseeCode,
} from '@cn2r/shared';
import { debounceTime, distinctUntilChanged, map, of, startWith, switchMap } from 'rxjs';
import { CareMap, type MapPosition } from '../../shared/care-map/care-map';
import { provideFrenchDatepickerIntl } from '../../core/i18n/french-datepicker-intl';
import { requiredDateControl, requiredTextControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { isoDateOrNull } from '../../shared/forms/iso-date-or-null';
import { CareOfferApi } from './care-offer-api';
import { CommuneApi, communeText } from './commune-api';

export interface CareOfferDialogData {
  /** null to propose a new structure. */
  readonly entry: CareOffer | null;
  /** The centres the user may propose for (a lead's own; every centre for the coordination). */
  readonly units: readonly { readonly id: number; readonly name: string }[];
}

export type CareOfferDialogResult = { readonly outcome: 'saved' } | { readonly outcome: 'conflict' };

const entries = <K extends string>(labels: Record<K, string>) => Object.entries(labels) as [K, string][];
/** « 47,32 » or « 47.32 » typed: a number, or the text itself so that the schema names the field. */
const decimal = (text: string) => {
  const t = text.trim().replace(',', '.').replace('−', '-');
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : text;
};

/** Proposes or corrects a structure of the care offer: a structure only, never a person's name. */
@Component({
  selector: 'app-care-offer-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatDatepickerModule, MatButtonModule, MatIconModule, MatAutocompleteModule, MatProgressBarModule, FormErrors, CareMap],
  providers: [provideFrenchDatepickerIntl()],
  styles: `
    .form-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 0 1rem; }
    .full-width { width: 100%; }
    .position-actions { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; margin: 0 0 0.75rem; }
    .pick-map { display: block; max-width: 34rem; margin-bottom: 1rem; }
    .pick-help { margin: 0 0 0.25rem; }
  `,
  template: `
    <h2 mat-dialog-title>{{ original ? 'Corriger la structure' : 'Proposer une structure' }}</h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Enregistrement en cours" />
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        @if (original?.returnMessage) {
          <p class="return-message" role="note"><strong>Message de la coordination :</strong> {{ original?.returnMessage }}</p>
        }
        <app-form-errors [messages]="formErrors()" />
        <mat-form-field class="full-width">
          <mat-label>Nom de la structure</mat-label>
          <input matInput formControlName="name" required autocomplete="off" />
          <mat-hint>Une structure seulement : jamais le nom d’une personne (RGPD).</mat-hint>
          @if (form.controls.name.invalid) {
            <mat-error>{{ errorOf(form.controls.name) }}</mat-error>
          }
        </mat-form-field>
        <div class="form-grid">
          <mat-form-field>
            <mat-label>Type de structure</mat-label>
            <mat-select formControlName="kind" required>
              @for (k of kinds; track k[0]) {
                <mat-option [value]="k[0]">{{ k[1] }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>Centre référent</mat-label>
            <mat-select formControlName="unitId" required>
              @for (u of data.units; track u.id) {
                <mat-option [value]="u.id">{{ u.name }}</mat-option>
              }
            </mat-select>
            @if (form.controls.unitId.invalid) {
              <mat-error>{{ errorOf(form.controls.unitId) }}</mat-error>
            }
          </mat-form-field>
        </div>
        <mat-form-field class="full-width">
          <mat-label>Adresse</mat-label>
          <input matInput formControlName="address" required autocomplete="off" />
          @if (form.controls.address.invalid) {
            <mat-error>{{ errorOf(form.controls.address) }}</mat-error>
          }
        </mat-form-field>
        <div class="form-grid">
          <mat-form-field>
            <mat-label>Commune</mat-label>
            <input matInput formControlName="commune" required autocomplete="off" [matAutocomplete]="communeList" />
            <mat-autocomplete #communeList="matAutocomplete" [displayWith]="communeName" (optionSelected)="chooseCommune($event)">
              @for (c of communeOptions(); track c.code) {
                <mat-option [value]="c">{{ communeText(c) }} · {{ c.code }}</mat-option>
              }
            </mat-autocomplete>
            <mat-hint>Tapez le nom : le code INSEE se remplit</mat-hint>
            @if (form.controls.commune.invalid) {
              <mat-error>{{ errorOf(form.controls.commune) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Code INSEE de la commune</mat-label>
            <input matInput formControlName="communeInsee" required autocomplete="off" maxlength="5" />
            <mat-hint>{{ codeHint() }}</mat-hint>
            @if (form.controls.communeInsee.invalid) {
              <mat-error>{{ errorOf(form.controls.communeInsee) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Latitude</mat-label>
            <input matInput formControlName="latitude" required autocomplete="off" inputmode="decimal" />
            <mat-hint>Degrés décimaux, ex. 47,322</mat-hint>
            @if (form.controls.latitude.invalid) {
              <mat-error>{{ errorOf(form.controls.latitude) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Longitude</mat-label>
            <input matInput formControlName="longitude" required autocomplete="off" inputmode="decimal" />
            <mat-hint>Degrés décimaux, ex. 5,041 ou −61,073</mat-hint>
            @if (form.controls.longitude.invalid) {
              <mat-error>{{ errorOf(form.controls.longitude) }}</mat-error>
            }
          </mat-form-field>
        </div>
        <div class="position-actions">
          <button mat-stroked-button type="button" (click)="showMap.set(!showMap())" [attr.aria-expanded]="showMap()" aria-controls="care-offer-pick-map">
            <mat-icon>{{ showMap() ? 'expand_less' : 'place' }}</mat-icon>
            {{ showMap() ? 'Masquer la carte' : 'Placer sur la carte' }}
          </button>
        </div>
        @if (showMap()) {
          <div id="care-offer-pick-map">
            <p class="pick-help">Cliquez sur la carte à l’emplacement de la structure (zoomez d’abord pour plus de précision) : la latitude et la longitude se remplissent. Outre-mer : saisissez-les.</p>
            <app-care-map class="pick-map" [units]="[]" [pickable]="true" [pin]="pin()" (picked)="placeAt($event)" />
          </div>
        }
        <div class="form-grid">
          <mat-form-field>
            <mat-label>Public accueilli</mat-label>
            <mat-select formControlName="public" required>
              @for (p of publics; track p[0]) {
                <mat-option [value]="p[0]">{{ p[1] }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>Soins proposés</mat-label>
            <mat-select formControlName="care" multiple required>
              @for (c of cares; track c[0]) {
                <mat-option [value]="c[0]">{{ c[1] }}</mat-option>
              }
            </mat-select>
            @if (form.controls.care.invalid) {
              <mat-error>{{ errorOf(form.controls.care) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Accès</mat-label>
            <mat-select formControlName="access" required>
              @for (a of accesses; track a[0]) {
                <mat-option [value]="a[0]">{{ a[1] }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        </div>
        <div class="form-grid">
          <mat-form-field>
            <mat-label>Téléphone</mat-label>
            <input matInput formControlName="phone" type="tel" autocomplete="off" />
            <mat-hint>Le standard ou le secrétariat, facultatif</mat-hint>
            @if (form.controls.phone.invalid) {
              <mat-error>{{ errorOf(form.controls.phone) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Site internet</mat-label>
            <input matInput formControlName="website" type="url" autocomplete="off" />
            <mat-hint>https://…, facultatif</mat-hint>
            @if (form.controls.website.invalid) {
              <mat-error>{{ errorOf(form.controls.website) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Vérifiée le</mat-label>
            <input matInput [matDatepicker]="checkedPicker" formControlName="checkedOn" required autocomplete="off" />
            <mat-hint>JJ/MM/AAAA</mat-hint>
            <mat-datepicker-toggle matIconSuffix [for]="checkedPicker" />
            <mat-datepicker #checkedPicker />
            @if (form.controls.checkedOn.invalid) {
              <mat-error>{{ errorOf(form.controls.checkedOn) }}</mat-error>
            }
          </mat-form-field>
        </div>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit" [disabled]="saving()">{{ original ? 'Enregistrer' : 'Proposer la structure' }}</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class CareOfferDialog extends FormDialogBase<CareOfferDialogResult> {
  private readonly api = inject(CareOfferApi);
  protected readonly data = inject<CareOfferDialogData>(MAT_DIALOG_DATA);
  protected readonly original = this.data.entry;
  protected readonly kinds = entries(careOfferKindLabels);
  protected readonly publics = entries(careOfferPublicLabels);
  protected readonly cares = entries(careOfferCareLabels);
  protected readonly accesses = entries(careOfferAccessLabels);
  protected override readonly conflict = { outcome: 'conflict' } as const;
  private readonly communes = inject(CommuneApi);
  protected readonly communeText = communeText;
  protected readonly communeName = (value: Commune | string | null) => (value && typeof value === 'object' ? value.name : (value ?? ''));
  protected readonly showMap = signal(false);

  protected readonly form = new FormGroup({
    name: requiredTextControl(this.original?.name ?? '', 200),
    kind: new FormControl<CareOfferKind>(this.original?.kind ?? 'specialised_consultation', { nonNullable: true }),
    unitId: new FormControl<number | null>(this.original?.unitId ?? (this.data.units.length === 1 ? this.data.units[0].id : null), { validators: [Validators.required] }),
    address: requiredTextControl(this.original?.address ?? '', 300),
    commune: requiredTextControl(this.original?.commune ?? '', 100),
    communeInsee: requiredTextControl(this.original?.communeInsee ?? '', 5),
    latitude: new FormControl<string>(this.original ? String(this.original.latitude).replace('.', ',') : '', { nonNullable: true, validators: [Validators.required] }),
    longitude: new FormControl<string>(this.original ? String(this.original.longitude).replace('.', ',') : '', { nonNullable: true, validators: [Validators.required] }),
    public: new FormControl<CareOfferPublic>(this.original?.public ?? 'all', { nonNullable: true }),
    care: new FormControl<CareOfferCare[]>(this.original ? [...this.original.care] : [], { nonNullable: true, validators: [Validators.required] }),
    access: new FormControl<CareOfferAccess>(this.original?.access ?? 'referral', { nonNullable: true }),
    phone: new FormControl<string>(this.original?.phone ?? '', { nonNullable: true }),
    website: new FormControl<string>(this.original?.website ?? '', { nonNullable: true }),
    checkedOn: requiredDateControl(this.original?.checkedOn),
  });

  /** The communes whose name starts like the text typed (after a pause), for the autocomplete. */
  protected readonly communeOptions = toSignal(
    this.form.controls.commune.valueChanges.pipe(
      debounceTime(250),
      map((text) => (typeof text === 'string' ? text.trim() : '')),
      distinctUntilChanged(),
      switchMap((text) => (text.length >= 2 ? this.communes.search(text) : of([] as Commune[]))),
    ),
    { initialValue: [] as Commune[] },
  );

  /** What the code names: « Lille (59) — Hauts-de-France », or that it names no commune. */
  protected readonly codeHint = toSignal(
    this.form.controls.communeInsee.valueChanges.pipe(
      startWith(this.form.controls.communeInsee.value),
      map((code) => code.trim().toUpperCase()),
      distinctUntilChanged(),
      switchMap((code) => {
        if (!InseeCode.safeParse(code).success) return of('5 caractères, ex. 21231, 2A004, 97209');
        return this.communes.find(code).pipe(map((c) => (c ? communeText(c) : 'Aucune commune actuelle n’a ce code : vérifiez-le.')));
      }),
    ),
    { initialValue: '5 caractères, ex. 21231, 2A004, 97209' },
  );

  /** The position typed or picked, for the map's pin. */
  protected readonly pin = toSignal(
    this.form.valueChanges.pipe(
      startWith(null),
      map((): MapPosition | null => {
        const latitude = decimal(this.form.controls.latitude.value);
        const longitude = decimal(this.form.controls.longitude.value);
        return typeof latitude === 'number' && typeof longitude === 'number' ? { latitude, longitude } : null;
      }),
    ),
    { initialValue: null },
  );

  constructor() {
    super();
    // A name chosen from the list: the commune's name and code.
    this.form.controls.commune.valueChanges.pipe(takeUntilDestroyed()).subscribe((value: unknown) => {
      if (value && typeof value === 'object') this.setCommune(value as Commune);
    });
  }

  protected chooseCommune(event: MatAutocompleteSelectedEvent): void {
    this.setCommune(event.option.value as Commune);
  }

  private setCommune(commune: Commune): void {
    this.form.controls.commune.setValue(commune.name, { emitEvent: false });
    this.form.controls.communeInsee.setValue(commune.code);
    this.form.controls.communeInsee.markAsTouched();
  }

  protected placeAt(position: MapPosition): void {
    const text = (n: number) => String(n).replace('.', ',');
    this.form.patchValue({ latitude: text(position.latitude), longitude: text(position.longitude) });
    this.form.controls.latitude.markAsTouched();
    this.form.controls.longitude.markAsTouched();
  }

  protected submit(): void {
    if (!this.startSubmit()) return;
    const v = this.form.getRawValue();
    const fields = { ...v, latitude: decimal(v.latitude), longitude: decimal(v.longitude), checkedOn: isoDateOrNull(v.checkedOn) ?? '' };
    const done = (): CareOfferDialogResult => ({ outcome: 'saved' });
    if (this.original) {
      const body = this.parse(UpdateCareOffer, { ...fields, version: this.original.version });
      if (body) this.save(this.api.update(this.original.id, body), done);
    } else {
      const body = this.parse(CreateCareOffer, fields);
      if (body) this.save(this.api.create(body), done);
    }
  }
}
