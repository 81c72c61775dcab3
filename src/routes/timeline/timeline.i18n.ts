/** The page's words in the registry's three languages; party names come from the database. */
import type { Status } from "../../domain/statuses";
import type { Language } from "../../lib/params";

export type ShownStatus = Exclude<Status, "none">;

export interface TimelineText {
  title: string;
  intro: string;
  chartTitle: string;
  chartDesc: string;
  legend: string;
  uncertain: string;
  today: (day: string) => string;
  total: (n: number) => string;
  accession: (day: string, names: string) => string;
  conversion: (day: string) => string;
  tableSummary: string;
  columns: { party: string; status: string; from: string; to: string };
  ongoing: string;
  api: string;
  languages: string;
  statuses: Record<ShownStatus, string>;
  /** the chart's row and table of the heads of the Secretariat */
  secretariesGeneral: string;
  secretariesTable: string;
  columns2: { person: string; state: string };
}

export const TEXT: Record<Language, TimelineText> = {
  en: {
    title: "SCO partner relations over time",
    intro:
      "Every state's and organisation's status since the founding of the Shanghai Cooperation Organisation in 2001.",
    chartTitle: "Status of each state and organisation, 2001 to today",
    chartDesc:
      "One row per party; a coloured bar for each status period. Lighter, dashed parts mark dates known only to the year or month. Vertical lines mark the accessions and the 2025 conversion.",
    legend: "Legend",
    uncertain: "date known only to the year or month",
    today: (day) => `Today (${day})`,
    total: (n) => `${n} parties hold a status`,
    accession: (day, names) => `${day} accession: ${names}`,
    conversion: (day) => `${day} conversion to SCO partners`,
    tableSummary: "All status periods as a table",
    columns: { party: "Party", status: "Status", from: "From", to: "To" },
    ongoing: "ongoing",
    api: "API reference",
    languages: "Language",
    secretariesGeneral: "Secretaries-General",
    secretariesTable: "Secretaries-General of the SCO as a table",
    columns2: { person: "Secretary-General", state: "State" },
    statuses: {
      member: "member",
      observer: "observer",
      dialogue_partner: "dialogue partner",
      partner: "SCO partner",
      partner_organisation: "partner organisation",
      guest: "guest",
    },
  },
  ru: {
    title: "Отношения ШОС с партнёрами во времени",
    intro:
      "Статус каждого государства и организации со времени основания Шанхайской организации сотрудничества в 2001 году.",
    chartTitle: "Статус каждого государства и организации с 2001 года по сегодняшний день",
    chartDesc:
      "Одна строка на участника; цветная полоса для каждого периода статуса. Светлые части с пунктиром — даты, известные лишь с точностью до года или месяца. Вертикальные линии — вступления и преобразование 2025 года.",
    legend: "Условные обозначения",
    uncertain: "дата известна с точностью до года или месяца",
    today: (day) => `Сегодня (${day})`,
    total: (n) => `Статус имеют ${n} участников`,
    accession: (day, names) => `${day} вступление: ${names}`,
    conversion: (day) => `${day} преобразование в партнёров ШОС`,
    tableSummary: "Все периоды статуса в виде таблицы",
    columns: { party: "Участник", status: "Статус", from: "С", to: "По" },
    ongoing: "по настоящее время",
    api: "Справочник API",
    languages: "Язык",
    secretariesGeneral: "Генеральные секретари",
    secretariesTable: "Генеральные секретари ШОС в виде таблицы",
    columns2: { person: "Генеральный секретарь", state: "Государство" },
    statuses: {
      member: "государство-член",
      observer: "наблюдатель",
      dialogue_partner: "партнёр по диалогу",
      partner: "партнёр ШОС",
      partner_organisation: "организация-партнёр",
      guest: "гость",
    },
  },
  zh: {
    title: "上海合作组织伙伴关系时间线",
    intro: "自2001年上海合作组织成立以来，各国家和组织的地位变化。",
    chartTitle: "2001年至今各国家和组织的地位",
    chartDesc:
      "每个参与方一行；每个地位时期一段彩色条。较浅的虚线部分表示仅精确到年或月的日期。竖线标出各次加入和2025年的转换。",
    legend: "图例",
    uncertain: "日期仅精确到年或月",
    today: (day) => `今天（${day}）`,
    total: (n) => `共有${n}个参与方具有地位`,
    accession: (day, names) => `${day} 加入：${names}`,
    conversion: (day) => `${day} 转为上合组织伙伴`,
    tableSummary: "以表格列出所有地位时期",
    columns: { party: "参与方", status: "地位", from: "起", to: "止" },
    ongoing: "至今",
    api: "API 参考",
    languages: "语言",
    secretariesGeneral: "秘书长",
    secretariesTable: "以表格列出上海合作组织历任秘书长",
    columns2: { person: "秘书长", state: "国家" },
    statuses: {
      member: "成员国",
      observer: "观察员国",
      dialogue_partner: "对话伙伴",
      partner: "上合组织伙伴",
      partner_organisation: "伙伴组织",
      guest: "嘉宾",
    },
  },
};

export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", ru: "Русский", zh: "中文" };

/** Fills with at least 3:1 contrast against the white page (WCAG 1.4.11 for graphics). */
export const COLOURS: Record<ShownStatus, string> = {
  member: "#1f4e9c",
  observer: "#b04a00",
  dialogue_partner: "#6a3d9a",
  partner: "#1b7a3a",
  partner_organisation: "#00707a",
  guest: "#5f5f5f",
};
