import type { Knex } from 'knex';
import { formatMessage, type AssemblyDeliberation, type AssemblyDeliberationQuery } from '@cn2r/shared';
import { ValidationError } from '../../errors/http-errors.js';
import { GovernanceRepository } from './governance-repository.js';

type Db = Knex | Knex.Transaction;

/**
 * What the budget and the annual reports read of the governance records: the deliberation a
 * decision or an approval names — refused at the field unless it exists, was taken by a general
 * assembly and adopted — and the next general assembly a report version is submitted to.
 */
export class AssemblyDeliberations {
  private readonly repo = new GovernanceRepository();

  async adopted(db: Db, id: number, field = 'deliberationId'): Promise<AssemblyDeliberation> {
    const d = await this.repo.findDeliberation(db, id);
    if (!d) throw ValidationError.field(field, formatMessage('governance.deliberation_unknown'));
    const meeting = (await this.repo.findMeeting(db, d.meetingId))!;
    if (meeting.bodyKind !== 'general_assembly') {
      throw ValidationError.field(field, formatMessage('governance.deliberation_not_assembly', { number: d.number, bodyName: meeting.bodyName }));
    }
    if (!d.adopted) throw ValidationError.field(field, formatMessage('governance.deliberation_rejected', { number: d.number, votesFor: d.votesFor, votesAgainst: d.votesAgainst }));
    return {
      id: d.id,
      number: d.number,
      title: d.title,
      adoptedOn: d.adoptedOn,
      votesFor: d.votesFor,
      votesAgainst: d.votesAgainst,
      abstentions: d.abstentions,
      minutesSha256: d.minutes?.sha256 ?? null,
      meeting: { id: meeting.id, bodyName: meeting.bodyName, heldOn: meeting.heldOn, quorumReached: meeting.quorumReached },
    };
  }

  /** The adopted deliberations of the general assembly in a span of dates: what a BI, a BR or an approval can name. */
  list(db: Db, query: AssemblyDeliberationQuery): Promise<AssemblyDeliberation[]> {
    return this.repo.assemblyDeliberations(db, query.from, query.to);
  }

  /** The first general assembly meeting recorded on `onOrAfter` (`YYYY-MM-DD`) or later. */
  nextMeeting(db: Db, onOrAfter: string): Promise<{ id: number; bodyName: string; heldOn: string } | undefined> {
    return this.repo.nextAssemblyMeeting(db, onOrAfter);
  }
}
