import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { roleLabels } from '@cn2r/shared/labels';
import { AuthService } from '../../core/auth/auth-service';
import { navLinksFor } from '../../core/navigation/nav-links';

@Component({
  selector: 'app-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatCardModule, MatIconModule, RouterLink],
  templateUrl: './home-page.html',
  styleUrl: './home-page.scss',
  host: { class: 'page' },
})
export class HomePage {
  private readonly auth = inject(AuthService);

  protected readonly user = this.auth.user;
  protected readonly roleLabel = computed(() => {
    const role = this.auth.role();
    return role ? roleLabels[role] : '';
  });
  /** Every page the role may use, except this one. */
  protected readonly cards = computed(() => navLinksFor(this.auth.role()).filter((link) => link.path !== '/'));
}
