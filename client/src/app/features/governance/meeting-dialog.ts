import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  CreateGovernanceMeeting,
  meetingKindLabels,
  type AttendanceKind,
  type GovernanceBody,
  type GovernanceMeeting,
  type GovernanceMember,
  type MeetingKind,
} from '@cn2r/shared';
import { provideFrenchDatepickerIntl } from '../../core/i18n/french-datepicker-intl';
import { changedFields } from '../../shared/forms/changed-fields';
import { requiredControl, requiredDateControl } from '../../shared/forms/form-controls';
import { FormDialogBase } from '../../shared/forms/form-dialog-base';
import { FormErrors } from '../../shared/forms/form-errors';
import { isoDateOrNull } from '../../shared/forms/iso-date-or-null';
import { GovernanceApi } from './governance-api';
import { type GovernanceDialogResult, saved } from './governance-dialog-result';

export interface MeetingDialogData {
  readonly meeting: GovernanceMeeting | null;
  readonly bodies: readonly GovernanceBody[];
  readonly members: readonly GovernanceMember[];
}

type Presence = AttendanceKind | 'absent';

/** Records or edits a meeting: the body, the date, its kind, who was present or represented, the quorum. */
@Component({
  selector: 'app-meeting-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatDatepickerModule, MatCheckboxModule, MatButtonModule, MatProgressBarModule, FormErrors],
  providers: [provideFrenchDatepickerIntl()],
  styleUrl: './governance-dialog.scss',
  template: `
    <h2 mat-dialog-title>{{ original ? 'Modifier la séance' : 'Nouvelle séance' }}</h2>
    @if (saving()) {
      <mat-progress-bar mode="indeterminate" aria-label="Enregistrement en cours" />
    }
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <app-form-errors [messages]="formErrors()" />
        <div class="form-grid">
          <mat-form-field>
            <mat-label>Instance</mat-label>
            <mat-select formControlName="bodyId" required>
              @for (b of data.bodies; track b.id) {
                <mat-option [value]="b.id">{{ b.name }}</mat-option>
              }
            </mat-select>
            @if (form.controls.bodyId.invalid) {
              <mat-error>{{ errorOf(form.controls.bodyId) }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Date de la séance</mat-label>
            <input matInput [matDatepicker]="picker" formControlName="heldOn" required autocomplete="off" />
            <mat-hint>JJ/MM/AAAA</mat-hint>
            <mat-datepicker-toggle matIconSuffix [for]="picker" />
            <mat-datepicker #picker />
            @if (form.controls.heldOn.invalid) {
              <mat-error>{{ errorOf(form.controls.heldOn) }}</mat-error>
            }
          </mat-form-field>
        </div>
        <div class="form-grid">
          <mat-form-field>
            <mat-label>Nature</mat-label>
            <mat-select formControlName="kind" required>
              @for (k of kinds; track k[0]) {
                <mat-option [value]="k[0]">{{ k[1] }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-checkbox formControlName="quorumReached">Quorum atteint</mat-checkbox>
        </div>
        <h3>Membres présents ou représentés</h3>
        @if (data.members.length === 0) {
          <p>Aucun membre n’est enregistré : ajoutez d’abord les membres dans l’onglet « Membres ».</p>
        }
        <div class="attendance" formGroupName="attendance">
          @for (m of data.members; track m.id) {
            <span aria-hidden="true">{{ m.name }}</span>
            <mat-form-field subscriptSizing="dynamic">
              <mat-select [formControlName]="memberKey(m)" [aria-label]="'Présence : ' + m.name">
                <mat-option value="absent">Absent</mat-option>
                <mat-option value="present">Présent</mat-option>
                <mat-option value="represented">Représenté</mat-option>
              </mat-select>
            </mat-form-field>
          }
        </div>
        <mat-form-field class="full-width">
          <mat-label>Observations</mat-label>
          <textarea matInput formControlName="notes" rows="2"></textarea>
          <mat-hint>Facultatif</mat-hint>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Annuler</button>
        <button mat-flat-button type="submit" [disabled]="saving()">{{ original ? 'Enregistrer' : 'Enregistrer la séance' }}</button>
      </mat-dialog-actions>
    </form>
  `,
})
export class MeetingDialog extends FormDialogBase<GovernanceDialogResult> {
  private readonly api = inject(GovernanceApi);
  protected readonly data = inject<MeetingDialogData>(MAT_DIALOG_DATA);
  protected readonly original = this.data.meeting;
  protected readonly kinds = Object.entries(meetingKindLabels) as [MeetingKind, string][];
  protected override readonly conflict = { outcome: 'conflict' } as const;

  protected readonly form = new FormGroup({
    bodyId: requiredControl<number>(this.original?.bodyId ?? this.data.bodies[0]?.id ?? null),
    heldOn: requiredDateControl(this.original?.heldOn),
    kind: new FormControl<MeetingKind>(this.original?.kind ?? 'ordinary', { nonNullable: true }),
    quorumReached: new FormControl(this.original?.quorumReached ?? true, { nonNullable: true }),
    attendance: new FormGroup(
      Object.fromEntries(
        this.data.members.map((m) => [
          String(m.id),
          new FormControl<Presence>(this.original?.attendees.find((a) => a.memberId === m.id)?.attendance ?? 'absent', { nonNullable: true }),
        ]),
      ) as Record<string, FormControl<Presence>>,
    ),
    notes: new FormControl(this.original?.notes ?? '', { nonNullable: true }),
  });

  protected readonly memberKey = (m: GovernanceMember) => String(m.id);

  protected submit(): void {
    if (!this.startSubmit()) return;
    const v = this.form.getRawValue();
    const attendees = Object.entries(v.attendance)
      .filter(([, presence]) => presence !== 'absent')
      .map(([memberId, presence]) => ({ memberId: Number(memberId), attendance: presence as AttendanceKind }));
    const body = this.parse(CreateGovernanceMeeting, {
      bodyId: v.bodyId,
      heldOn: isoDateOrNull(v.heldOn) ?? '',
      kind: v.kind,
      quorumReached: v.quorumReached,
      attendees,
      notes: v.notes,
    });
    if (!body) return;
    const original = this.original;
    if (!original) return this.save(this.api.createMeeting(body), saved);
    const byMember = (a: { memberId: number }, b: { memberId: number }) => a.memberId - b.memberId;
    const asRead = { ...original, attendees: original.attendees.map((a) => ({ memberId: a.memberId, attendance: a.attendance })).sort(byMember) };
    const changes = changedFields(asRead, { ...body, attendees: [...body.attendees].sort(byMember) });
    if (this.closeIfUnchanged(changes)) return;
    this.save(this.api.updateMeeting(original.id, { ...changes, version: original.version }), saved);
  }
}
