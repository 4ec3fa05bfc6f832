import { BreakpointObserver, Breakpoints } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, viewChild } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatSidenav, MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { roleLabels } from '@cn2r/shared/labels';
import { filter, map } from 'rxjs';
import { AuthService } from '../auth/auth-service';
import { navLinksFor } from '../navigation/nav-links';

/** The signed-in layout: toolbar, side navigation filtered by role, and the page. */
@Component({
  selector: 'app-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatToolbarModule,
    MatSidenavModule,
    MatListModule,
    MatIconModule,
    MatButtonModule,
    MatTooltipModule,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
})
export class Shell {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly sidenav = viewChild.required(MatSidenav);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  protected readonly user = this.auth.user;
  protected readonly roleLabel = computed(() => {
    const role = this.auth.role();
    return role ? roleLabels[role] : '';
  });
  protected readonly unitNames = computed(() => {
    const user = this.user();
    return user?.role === 'unit_lead' ? user.units.map((unit) => unit.name).join(', ') : '';
  });
  protected readonly links = computed(() => navLinksFor(this.auth.role()));

  protected readonly isHandset = toSignal(
    inject(BreakpointObserver)
      .observe([Breakpoints.XSmall, Breakpoints.Small])
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );

  constructor() {
    // After a move to another page, focus goes to the content (as a page load would), so that
    // keyboard and screen-reader users start from the new page. Query changes (filters) keep focus.
    // On small screens the menu overlays the page: close it first.
    let previousPath = this.router.url.split(/[?#]/)[0];
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        takeUntilDestroyed(),
      )
      .subscribe(async (event) => {
        const path = event.urlAfterRedirects.split(/[?#]/)[0];
        const pageChanged = path !== previousPath;
        previousPath = path;
        if (this.isHandset()) await this.sidenav().close();
        if (pageChanged) this.main().nativeElement.focus({ preventScroll: true });
      });
  }

  protected logout(): void {
    this.auth.logout().subscribe({
      complete: () => void this.router.navigateByUrl('/connexion'),
      error: () => void this.router.navigateByUrl('/connexion'),
    });
  }

  protected skipToContent(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }
}
