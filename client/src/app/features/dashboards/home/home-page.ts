import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { Router, RouterLink } from '@angular/router';
import { lastCompleteYear } from '@cn2r/shared';
import { roleLabels } from '@cn2r/shared/labels';
import { AuthService } from '../../../core/auth/auth-service';
import { navLinksFor } from '../../../core/navigation/nav-links';
import { type DashboardFilterValues, filterParams, readFilters, yearChoices } from '../dashboard-filters';
import { AdminHome } from './admin-home';
import { BoardHome } from './board-home';
import { FinanceHome } from './finance-home';
import { UnitLeadHome } from './unit-lead-home';

/**
 * Each role’s home, the dashboard of their world in one screen: the unit lead’s unit, the
 * coordination’s network, the finance officer’s budget and staff, the board’s key figures.
 * The filters live in the URL (`annee`, `periode`, `centres`, `domaine`, `financeur`), so a view
 * can be shared and reloaded, and back/forward work. Each role’s dashboard is its own lazy chunk.
 */
@Component({
  selector: 'app-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, RouterLink, UnitLeadHome, AdminHome, FinanceHome, BoardHome],
  templateUrl: './home-page.html',
  styleUrl: './home-page.scss',
  host: { class: 'page' },
})
export class HomePage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** Query parameters (withComponentInputBinding). */
  readonly annee = input<string>();
  readonly periode = input<string>();
  readonly centres = input<string>();
  readonly domaine = input<string>();
  readonly financeur = input<string>();

  private readonly currentYear = new Date().getFullYear();
  /** The board reads the last complete year by default (every period of it has ended); the others the current year. */
  private readonly defaultYear = computed(() => (this.auth.role() === 'board' ? lastCompleteYear(localIsoDate(new Date())) : this.currentYear));

  protected readonly user = this.auth.user;
  protected readonly roleLabel = computed(() => {
    const role = this.auth.role();
    return role ? roleLabels[role] : '';
  });
  /** Every page the role may use, except this one, as a compact list. */
  protected readonly links = computed(() => navLinksFor(this.auth.role()).filter((link) => link.path !== '/'));
  protected readonly years = yearChoices(this.currentYear);
  protected readonly filters = computed<DashboardFilterValues>(() =>
    readFilters(
      { annee: this.annee(), periode: this.periode(), centres: this.centres(), domaine: this.domaine(), financeur: this.financeur() },
      this.defaultYear(),
    ),
  );

  /** A filter change goes to the URL (a new history entry), which drives the dashboards. */
  protected changeFilters(change: Partial<DashboardFilterValues>): void {
    void this.router.navigate([], { queryParams: filterParams(change), queryParamsHandling: 'merge' });
  }
}

/** `YYYY-MM-DD` of a moment in the browser's time zone. */
function localIsoDate(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}
