import { type SubmissionStatus, submissionStatusLabels } from '@cn2r/shared';

/** How a submission status shows: always a word and an icon, the colour only adds to them. */
export interface StatusView {
  readonly label: string;
  readonly icon: string;
  /** A CSS class for the colour: `status-<tone>`. */
  readonly tone: 'neutral' | 'progress' | 'pending' | 'done' | 'attention';
}

const views: Record<SubmissionStatus, Omit<StatusView, 'label'>> = {
  not_started: { icon: 'radio_button_unchecked', tone: 'neutral' },
  draft: { icon: 'edit', tone: 'progress' },
  submitted: { icon: 'send', tone: 'pending' },
  validated: { icon: 'check_circle', tone: 'done' },
  returned: { icon: 'undo', tone: 'attention' },
};

export function statusView(status: SubmissionStatus): StatusView {
  return { label: submissionStatusLabels[status], ...views[status] };
}

/** Past its due date and not yet sent (`YYYY-MM-DD` dates compare as text). */
export function isOverdue(submission: { status: SubmissionStatus; dueOn: string | null }, today: string): boolean {
  return submission.dueOn !== null && submission.dueOn < today && ['not_started', 'draft', 'returned'].includes(submission.status);
}
