import { AttendanceListSchema } from "../../lib/evidence-schemas";
import { publicRead } from "../operations";
import {
  OrganisationDetailSchema,
  OrganisationHistoryQuery,
  OrganisationHistorySchema,
  OrganisationIdParam,
  OrganisationListQuery,
  OrganisationListSchema,
} from "./organisations.schemas";

const tags = ["Organisations"];

export const list = publicRead({
  path: "/v1/organisations",
  operationId: "listOrganisations",
  summary: "Partner organisations with a relation on a day",
  description: "Every organisation holding a status on the day `at` (default: today).",
  tags,
  request: { query: OrganisationListQuery },
  ok: OrganisationListSchema,
  okDescription: "One page of organisations",
});

export const getOne = publicRead({
  path: "/v1/organisations/{id}",
  operationId: "getOrganisation",
  summary: "One organisation: names, current relation and history",
  description: "Names, the relation today, and every event with the periods derived from them.",
  tags,
  request: { params: OrganisationIdParam, query: OrganisationHistoryQuery },
  ok: OrganisationDetailSchema,
  okDescription: "The organisation",
});

export const getHistory = publicRead({
  path: "/v1/organisations/{id}/history",
  operationId: "getOrganisationHistory",
  summary: "An organisation's events and periods",
  description:
    "Every recorded event of the organisation and the periods derived from them, oldest first, and the corrections of its events. With `asRecordedOn`, as the registry recorded it then.",
  tags,
  request: { params: OrganisationIdParam, query: OrganisationHistoryQuery },
  ok: OrganisationHistorySchema,
  okDescription: "The history, oldest first",
});

export const getAttendances = publicRead({
  path: "/v1/organisations/{id}/attendances",
  operationId: "getOrganisationAttendances",
  tags,
  summary: "The organisation's attendance at meetings as a guest",
  description:
    "Attendance at a named meeting (e.g. a summit) on a date, with its sources. Guest attendance is not a status: it never appears among the status periods.",
  request: { params: OrganisationIdParam },
  ok: AttendanceListSchema,
  okDescription: "The attendances, oldest first",
});

export type GetAttendancesRoute = typeof getAttendances;
export type ListRoute = typeof list;
export type GetOneRoute = typeof getOne;
export type GetHistoryRoute = typeof getHistory;
