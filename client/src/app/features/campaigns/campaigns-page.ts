import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { type Campaign, type CampaignPeriod, campaignStatusLabels, periodShortLabel } from '@cn2r/shared';
import { todayIso } from '../../shared/dates/iso-date';
import { CampaignCreateDialog, type CampaignCreateDialogData } from './campaign-create-dialog';
import { byPeriodOrder, campaignStatusClasses, nextFreeYear } from './campaign-status';
import { CampaignsApi } from './campaigns-api';
import { LoadingSpinner } from '../../shared/loading/loading-spinner';
import { LoadFailed } from '../../shared/loading/load-failed';
import { EmptyState } from '../../shared/loading/empty-state';
import { PageLoad } from '../../shared/loading/page-load';

/** The yearly collection campaigns, newest first. */
@Component({
  selector: 'app-campaigns-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LoadingSpinner, LoadFailed, EmptyState, DatePipe, RouterLink, MatTableModule, MatButtonModule, MatIconModule],
  templateUrl: './campaigns-page.html',
  styleUrls: ['./campaigns.scss', './campaigns-page.scss'],
  host: { class: 'page' },
})
export class CampaignsPage {
  private readonly api = inject(CampaignsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly columns = ['year', 'label', 'status', 'periods', 'extensions', 'actions'];
  protected readonly campaigns = signal<Campaign[]>([]);
  private readonly pageLoad = new PageLoad();
  protected readonly loading = this.pageLoad.loading;
  protected readonly loadFailed = this.pageLoad.loadFailed;

  constructor() {
    this.load();
  }

  protected load(): void {
    this.pageLoad.once(this.api.list(), (campaigns) => this.campaigns.set([...campaigns].sort((a, b) => b.year - a.year)));
  }

  protected statusLabel(campaign: Campaign): string {
    return campaignStatusLabels[campaign.status];
  }

  protected statusClass(campaign: Campaign): string {
    return campaignStatusClasses[campaign.status];
  }

  protected periodsOf(campaign: Campaign): CampaignPeriod[] {
    return [...campaign.periods].sort(byPeriodOrder);
  }

  protected periodLabel(period: CampaignPeriod): string {
    return periodShortLabel(period.period);
  }

  protected openCreate(): void {
    const data: CampaignCreateDialogData = {
      takenYears: this.campaigns().map((campaign) => campaign.year),
      suggestedYear: nextFreeYear(this.campaigns(), Number(todayIso().slice(0, 4))),
    };
    this.dialog
      .open<CampaignCreateDialog, CampaignCreateDialogData, Campaign>(CampaignCreateDialog, {
        data,
        width: '560px',
        maxWidth: '95vw',
      })
      .afterClosed()
      .subscribe((campaign) => {
        if (!campaign) return;
        this.snackBar.open(
          `Campagne ${campaign.year} créée, en préparation : vérifiez les dates de ses périodes avant de l’ouvrir.`,
          'Fermer',
          { duration: 8000 },
        );
        void this.router.navigate([campaign.id], { relativeTo: this.route });
      });
  }
}
