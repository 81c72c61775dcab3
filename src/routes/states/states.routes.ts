import { AttendanceListSchema } from "../../lib/evidence-schemas";
import { publicRead } from "../operations";
import {
  AtLangQuery,
  HistoryQuery,
  StateCodeParam,
  StateDetailSchema,
  StateHistorySchema,
  StateListQuery,
  StateListSchema,
  StateStatusSchema,
} from "./states.schemas";

const tags = ["States"];

export const list = publicRead({
  path: "/v1/states",
  operationId: "listStates",
  tags,
  summary: "States holding a status on a day",
  description:
    "Every state holding `status` on the day `at` (default: today). Without `status`, every state with any status.",
  request: { query: StateListQuery },
  ok: StateListSchema,
  okDescription: "One page of states",
});

export const getOne = publicRead({
  path: "/v1/states/{code}",
  operationId: "getState",
  tags,
  summary: "One state: names, current status and full history",
  description:
    "Names in English, Russian and Chinese, the status today, and every event with the status periods derived from them.",
  request: { params: StateCodeParam, query: HistoryQuery },
  ok: StateDetailSchema,
  okDescription: "The state",
});

export const getStatus = publicRead({
  path: "/v1/states/{code}/status",
  operationId: "getStateStatus",
  tags,
  summary: "A state's status on a day",
  description:
    "`status` is `none` where the state had no relation on that day; `uncertain` is true inside the window of a year- or month-precision date. With `asRecordedOn`, the answer the registry gave then (`record` says which version it rests on).",
  request: { params: StateCodeParam, query: AtLangQuery },
  ok: StateStatusSchema,
  okDescription: "The status on that day",
});

export const getHistory = publicRead({
  path: "/v1/states/{code}/history",
  operationId: "getStateHistory",
  tags,
  summary: "A state's events and status periods",
  description:
    "Every recorded event of the state and the status periods derived from them, oldest first, and the corrections of its events (what changed, when it was recorded, by whom, why). With `asRecordedOn`, as the registry recorded it then.",
  request: { params: StateCodeParam, query: HistoryQuery },
  ok: StateHistorySchema,
  okDescription: "The history, oldest first",
});

export const getAttendances = publicRead({
  path: "/v1/states/{code}/attendances",
  operationId: "getStateAttendances",
  tags,
  summary: "The state's attendance at meetings as a guest",
  description:
    "Attendance at a named meeting (e.g. a summit) on a date, with its sources. Guest attendance is not a status: it never appears among the status periods.",
  request: { params: StateCodeParam },
  ok: AttendanceListSchema,
  okDescription: "The attendances, oldest first",
});

export type GetAttendancesRoute = typeof getAttendances;
export type ListRoute = typeof list;
export type GetOneRoute = typeof getOne;
export type GetStatusRoute = typeof getStatus;
export type GetHistoryRoute = typeof getHistory;
