import type { Rule } from '../rule.ts';
import { artifactDigestsRule } from './artifact-digests.ts';
import { asciiIdentifiersRule } from './ascii-identifiers.ts';
import { confusableIdsRule } from './confusable-ids.ts';
import { contentLimitsRule } from './content-limits.ts';
import { contractFileNameRule } from './contract-file-name.ts';
import { singleDefinitionRule } from './single-definition.ts';
import { livePinRule } from './live-pin.ts';
import { migrationFileRule } from './migration-file.ts';
import { gateEvidenceRule } from './gate-evidence.ts';
import { exitCriteriaStatusRule } from './exit-criteria-status.ts';
import { stageSequenceRule } from './stage-sequence.ts';
import { stageGatesRule } from './stage-gates.ts';
import { gatesNeedAcceptedRfcRule } from './gates-need-accepted-rfc.ts';
import { rehearsalModeRule } from './rehearsal-mode.ts';
import { approvalsRule } from './approvals.ts';
import { commandsAgreeRule } from './commands-agree.ts';
import { portableCommandsRule } from './portable-commands.ts';
import { commitExistsRule } from './commit-exists.ts';
import { contractChangeRule } from './contract-change.ts';
import { datesNotFutureRule } from './dates-not-future.ts';
import { dependenciesAgreeRule } from './dependencies-agree.ts';
import { decisionEvidenceRule } from './decision-evidence.ts';
import { deliverablesRule } from './deliverables.ts';
import { envelopePolicyRule } from './envelope-policy.ts';
import { errorCodesAgreeRule } from './error-codes-agree.ts';
import { evidenceRecordsRule } from './evidence-records.ts';
import { legacyGuardRule } from './legacy-guard.ts';
import { linksRule } from './links.ts';
import { listOrderRule } from './list-order.ts';
import { listsAgreeRule } from './lists-agree.ts';
import { numbersAgreeRule } from './numbers-agree.ts';
import { partiesRule } from './parties.ts';
import { payloadFreshRule } from './payload-fresh.ts';
import { pinsAgreeRule } from './pins-agree.ts';
import { referencesRule } from './references.ts';
import { releaseHandoffRule } from './release-handoff.ts';
import { restatedFieldsRule } from './restated-fields.ts';
import { runtimeMovedRule } from './runtime-moved.ts';
import { safeContentRule } from './safe-content.ts';
import { schemaRule } from './schema.ts';
import { stagesRule } from './stages.ts';
import { singleLiveContractRule } from './single-live-contract.ts';
import { statusClaimsRule } from './status-claims.ts';
import { statusCoherenceRule } from './status-coherence.ts';
import { syntaxRule } from './syntax.ts';
import { tagCommitRule } from './tag-commit.ts';
import { timeWindowsRule } from './time-windows.ts';
import { uniqueIdsRule } from './unique-ids.ts';

/** Every rule, in the order their docs are listed. Adding a rule means adding a file and a line here. */
export const rules: readonly Rule[] = [
  syntaxRule,
  contentLimitsRule,
  schemaRule,
  asciiIdentifiersRule,
  singleDefinitionRule,
  contractFileNameRule,
  uniqueIdsRule,
  confusableIdsRule,
  referencesRule,
  migrationFileRule,
  pinsAgreeRule,
  envelopePolicyRule,
  contractChangeRule,
  legacyGuardRule,
  livePinRule,
  deliverablesRule,
  commandsAgreeRule,
  portableCommandsRule,
  listsAgreeRule,
  restatedFieldsRule,
  numbersAgreeRule,
  errorCodesAgreeRule,
  partiesRule,
  approvalsRule,
  stagesRule,
  listOrderRule,
  singleLiveContractRule,
  datesNotFutureRule,
  dependenciesAgreeRule,
  statusCoherenceRule,
  gateEvidenceRule,
  exitCriteriaStatusRule,
  stageSequenceRule,
  stageGatesRule,
  gatesNeedAcceptedRfcRule,
  rehearsalModeRule,
  evidenceRecordsRule,
  decisionEvidenceRule,
  runtimeMovedRule,
  timeWindowsRule,
  statusClaimsRule,
  safeContentRule,
  payloadFreshRule,
  linksRule,
  tagCommitRule,
  commitExistsRule,
  artifactDigestsRule,
  releaseHandoffRule,
];
