import { HttpErrorResponse } from '@angular/common/http';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import type { Role, User } from '@cn2r/shared';
import { ROLE_VALUES, roleLabels } from '@cn2r/shared/labels';
import { Subject, debounceTime, filter, merge, startWith, switchMap, tap } from 'rxjs';
import { AuthService } from '../../core/auth/auth-service';
import { isStaleVersion, toApiError } from '../../core/http/api-error';
import { confirmAction } from '../../shared/confirm-dialog/confirm-dialog';
import { ResetPasswordDialog } from './reset-password-dialog';
import { UserDialog, type UserDialogData, type UserDialogResult } from './user-dialog';
import { UsersApi } from './users-api';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';
import { LoadFailed } from '../../shared/loading/load-failed';
import { EmptyState } from '../../shared/loading/empty-state';
import { IconAction } from '../../shared/table/icon-action';
import { reportEditOutcome } from '../../shared/forms/edit-outcome';
import { PageLoad } from '../../shared/loading/page-load';
import { SecondFactorApi } from '../../shared/second-factor/second-factor-api';
import { SecondFactorPolicyPanel } from './second-factor-policy';

const STALE_MESSAGE =
  'Ce compte a été modifié par quelqu’un d’autre entre-temps. La liste a été rechargée : reprenez votre modification.';

@Component({
  selector: 'app-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    IconAction,
    SecondFactorPolicyPanel,
    LoadingSpinner,
    LoadFailed,
    EmptyState,
    DatePipe,
    ReactiveFormsModule,
    MatTableModule,
    MatButtonModule,
    MatIconModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
  ],
  templateUrl: './users-page.html',
  styleUrl: './users-page.scss',
  host: { class: 'page' },
})
export class UsersPage {
  private readonly api = inject(UsersApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly auth = inject(AuthService);
  private readonly myId = computed(() => this.auth.user()?.id ?? null);
  private readonly reload$ = new Subject<void>();
  private readonly secondFactor = inject(SecondFactorApi);
  private readonly policyPanel = viewChild(SecondFactorPolicyPanel);

  protected readonly roles = ROLE_VALUES.map((role) => ({ value: role, label: roleLabels[role] }));
  protected readonly columns = ['displayName', 'email', 'role', 'units', 'active', 'lastLoginAt', 'actions'];

  protected readonly filters = new FormGroup({
    search: new FormControl('', { nonNullable: true }),
    role: new FormControl<Role | ''>('', { nonNullable: true }),
    active: new FormControl<'true' | 'false' | ''>('', { nonNullable: true }),
  });

  protected readonly users = signal<User[]>([]);
  protected readonly total = signal(0);
  private readonly pageLoad = new PageLoad();
  protected readonly loading = this.pageLoad.loading;
  protected readonly loadFailed = this.pageLoad.loadFailed;
  protected readonly filtered = signal(false);

  constructor() {
    this.pageLoad.follow(
      merge(this.filters.valueChanges.pipe(debounceTime(300)), this.reload$).pipe(startWith(null)),
      () => {
        const query = this.filters.getRawValue();
        return this.api.list(query).pipe(tap(() => this.filtered.set(Boolean(query.search.trim() || query.role || query.active))));
      },
      (page) => {
        this.users.set(page.items);
        this.total.set(page.total);
      },
    );
  }

  protected reload(): void {
    this.reload$.next();
  }

  protected resetFilters(): void {
    this.filters.reset();
  }

  protected isMe(user: User): boolean {
    return user.id === this.myId();
  }

  protected roleLabel(user: User): string {
    return roleLabels[user.role];
  }

  protected unitCodes(user: User): string[] {
    return user.units.map((unit) => unit.code);
  }

  /** Creates (`null`) or edits a user in its dialog, then says how it ended and reloads. */
  protected edit(user: User | null): void {
    const data: UserDialogData = { user };
    this.dialog
      .open<UserDialog, UserDialogData, UserDialogResult>(UserDialog, { data, width: '640px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((result) =>
        reportEditOutcome(
          this.snackBar,
          result,
          {
            conflict: STALE_MESSAGE,
            saved: (r) =>
              r.outcome === 'created' && r.invited
                ? `Compte de ${r.user.displayName} créé. L’invitation à choisir son mot de passe est dans la boîte d’envoi (« Courriels »).`
                : `Compte de ${r.user.displayName} ${r.outcome === 'created' ? 'créé' : 'enregistré'}.`,
          },
          () => this.reload(),
        ),
      );
  }

  protected openResetPassword(user: User): void {
    this.dialog
      .open<ResetPasswordDialog, User, boolean>(ResetPasswordDialog, { data: user, width: '520px', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((done) => {
        if (done) {
          this.snackBar.open(
            `Mot de passe de ${user.displayName} réinitialisé. Communiquez-le-lui par un canal sûr.`,
            'Fermer',
            { duration: 8000 },
          );
        }
      });
  }

  /** May the invitation be sent again: an active account with a local password that never signed in. */
  protected canInvite(user: User): boolean {
    return user.active && !user.localPasswordDisabled && user.lastLoginAt === null;
  }

  /** A new link valid 7 days, by e-mail, for an account that never signed in. */
  protected sendInvitation(user: User): void {
    confirmAction(this.dialog, {
      title: 'Renvoyer l’invitation ?',
      message: `${user.displayName} (${user.email}) recevra par courriel un nouveau lien pour choisir son mot de passe, valable 7 jours.`,
      confirmLabel: 'Renvoyer',
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.sendInvitation(user.id)),
      )
      .subscribe(() => this.snackBar.open(`Invitation renvoyée à ${user.displayName}.`, 'Fermer', { duration: 6000 }));
  }

  /** The account forgets the identity provider's person: the next sign-in through it finds it by e-mail again. */
  protected unlinkOidc(user: User): void {
    confirmAction(this.dialog, {
      title: 'Délier du fournisseur d’identité ?',
      message: `Le compte de ${user.displayName} (${user.email}) ne sera plus lié à la personne du fournisseur d’identité. À sa prochaine connexion par le fournisseur, il sera de nouveau retrouvé par son adresse e-mail.`,
      confirmLabel: 'Délier',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.unlinkOidc(user.id)),
      )
      .subscribe(() => {
        this.snackBar.open(`Compte de ${user.displayName} délié du fournisseur d’identité.`, 'Fermer', { duration: 5000 });
        this.reload();
      });
  }

  /** A lost phone: the account signs in with its password again, and re-enrols (at once if required). */
  protected resetSecondFactor(user: User): void {
    confirmAction(this.dialog, {
      title: 'Réinitialiser la double authentification ?',
      message: `${user.displayName} (${user.email}) se connectera de nouveau avec son seul mot de passe ; son application, ses codes de secours et ses appareils retenus ne serviront plus. Si la double authentification est exigée pour son rôle, elle devra la réactiver à sa prochaine connexion.`,
      confirmLabel: 'Réinitialiser',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.secondFactor.resetFor(user.id)),
      )
      .subscribe(() => {
        this.snackBar.open(`Double authentification de ${user.displayName} réinitialisée.`, 'Fermer', { duration: 6000 });
        this.policyPanel()?.reload();
      });
  }

  protected toggleActive(user: User): void {
    const activate = !user.active;
    confirmAction(this.dialog, {
      title: activate ? 'Réactiver le compte ?' : 'Désactiver le compte ?',
      message: activate
        ? `${user.displayName} (${user.email}) pourra de nouveau se connecter.`
        : `${user.displayName} (${user.email}) ne pourra plus se connecter. Ses sessions en cours seront fermées. Le compte et son historique sont conservés ; vous pourrez le réactiver.`,
      confirmLabel: activate ? 'Réactiver' : 'Désactiver',
      destructive: !activate,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => this.api.update(user.id, { active: activate, version: user.version })),
      )
      .subscribe({
        next: (updated) => {
          this.snackBar.open(
            `Compte de ${updated.displayName} ${updated.active ? 'réactivé' : 'désactivé'}.`,
            'Fermer',
            { duration: 5000 },
          );
          this.reload();
        },
        error: (response: unknown) => {
          if (!(response instanceof HttpErrorResponse)) return;
          const error = toApiError(response);
          if (error.status === 409 || error.status === 422) {
            // A stale version, or a rule such as « you cannot deactivate your own account ».
            this.snackBar.open(isStaleVersion(error) ? STALE_MESSAGE : error.message, 'Fermer', {
              duration: 12000,
              panelClass: 'snackbar-error',
            });
            this.reload();
          }
        },
      });
  }
}
