/**
 * Reserved meta keys (plait-spec 2.6, camelCased). Packages read and write Value metadata only through
 * these names, so they agree:
 *
 * - `tapeIds`: ids of the ForwardRecords attached in training mode (plait `_tape_ids`).
 * - `causes`: secondary errors of F-op error resolution, `{ ref, message }[]`.
 * - `op`, `sourceRefs`: set on ERROR Values made by F ops; also `path`, `missing`, `pathIndex`, `schema`.
 * - `httpStatus`: set on `F.chatComplete` errors.
 * - `recoveredFrom`: set by `F.unwrapOr`.
 * - `paramName`, `paramId`, `moduleStateVersion`, `requiresGrad`: set on lifted Parameters.
 * - `score`, `scores`, `rawScore`, `criteria`, `justification`, `rank`, `total`, `verifier`: feedback.
 * - `allowLossy`: read by `F.coerce` FLOAT → INT.
 * - `toolName`, `toolCallId`: set on TOOL_RESULT Values.
 */
export const MetaKey = {
  tapeIds: "tapeIds",
  causes: "causes",
  op: "op",
  sourceRefs: "sourceRefs",
  path: "path",
  missing: "missing",
  pathIndex: "pathIndex",
  schema: "schema",
  httpStatus: "httpStatus",
  recoveredFrom: "recoveredFrom",
  paramName: "paramName",
  paramId: "paramId",
  moduleStateVersion: "moduleStateVersion",
  requiresGrad: "requiresGrad",
  score: "score",
  scores: "scores",
  rawScore: "rawScore",
  criteria: "criteria",
  justification: "justification",
  rank: "rank",
  total: "total",
  verifier: "verifier",
  allowLossy: "allowLossy",
  toolName: "toolName",
  toolCallId: "toolCallId",
} as const;

/** One entry of `meta.causes`: a secondary error folded into a primary one. */
export interface ErrorCause {
  readonly ref: string | null;
  readonly message: string;
}
