// Trigger entries of the plugin catalogue (same entry shape as the tasks, without a runner:
// the scheduler, webhooks and flow triggers interpret them).
import { Type } from '@sinclair/typebox';
import { str, staticStr, staticBool, duration, dateTime, map, states, conditions, labels, staticEnum } from '../../tasks/schema.ts';
import { definePlugin, type PluginEntry } from '../../tasks/entry.ts';
import { fsHttp, httpCommon } from '../../tasks/entries/http.ts';

const legacyTrigger = (name: string) => `io.kestra.core.models.triggers.types.${name}`;
const RECOVER = ['ALL', 'LAST', 'NONE'] as const;

export const timeWindow = () => Type.Object({
  type: Type.Optional(staticEnum(['DAILY_TIME_DEADLINE', 'DAILY_TIME_WINDOW', 'DURATION_WINDOW', 'SLIDING_WINDOW'], { default: 'DURATION_WINDOW' })),
  window: Type.Optional(duration()), windowAdvance: Type.Optional(duration()),
  startTime: Type.Optional(Type.String()), endTime: Type.Optional(Type.String()), deadline: Type.Optional(Type.String()),
});

export const FILTER_FIELDS = ['FLOW_ID', 'NAMESPACE', 'STATE', 'EXPRESSION'] as const;
export const FILTER_TYPES = [
  'EQUAL_TO', 'NOT_EQUAL_TO', 'IN', 'NOT_IN', 'IS_TRUE', 'IS_FALSE', 'IS_NULL', 'IS_NOT_NULL', 'STARTS_WITH',
  'ENDS_WITH', 'REGEX', 'CONTAINS',
] as const;

const preconditions = () => Type.Object({
  id: Type.Optional(Type.String()),
  timeWindow: Type.Optional(timeWindow()),
  resetOnSuccess: Type.Optional(Type.Boolean({ default: true })),
  flows: Type.Optional(Type.Array(Type.Object({
    namespace: Type.String(), flowId: Type.String(), states: Type.Optional(states()), labels: Type.Optional(labels()),
  }))),
  where: Type.Optional(Type.Array(Type.Object({
    id: Type.String(),
    operand: Type.Optional(staticEnum(['AND', 'OR'], { default: 'AND' })),
    filters: Type.Array(Type.Object({
      field: staticEnum(FILTER_FIELDS), type: staticEnum(FILTER_TYPES),
      value: Type.Optional(Type.String()), values: Type.Optional(Type.Array(Type.String())),
    })),
  }))),
});

export const triggerEntries: PluginEntry[] = [
  definePlugin('trigger', {
    type: 'trigger.Schedule', title: 'Starts executions on a cron schedule',
    aliases: [legacyTrigger('Schedule')], required: ['cron'],
    props: {
      cron: staticStr(), withSeconds: staticBool({ default: false }), timezone: staticStr(), inputs: map(),
      lateMaximumDelay: duration(), recoverMissedSchedules: staticEnum(RECOVER),
      scheduleConditions: conditions({ deprecated: true }), backfill: map(), interval: duration(),
    },
  }),
  definePlugin('trigger', {
    type: 'trigger.ScheduleOnDates', title: 'Starts executions at listed dates',
    required: ['dates'],
    props: {
      dates: Type.Union([Type.String(), Type.Array(dateTime())], { $dynamic: true }), timezone: staticStr(), inputs: map(),
      recoverMissedSchedules: staticEnum(RECOVER), interval: duration(),
    },
  }),
  definePlugin('trigger', {
    type: 'trigger.Webhook', title: 'Starts an execution when a webhook URL is called',
    aliases: [legacyTrigger('Webhook')], required: ['key'],
    props: { key: str({ maxLength: 256 }), inputs: map(), wait: staticBool({ default: false }), returnOutputs: staticBool({ default: false }) },
  }),
  definePlugin('trigger', {
    type: 'trigger.Flow', title: 'Starts an execution when other executions change state',
    aliases: [legacyTrigger('Flow')],
    props: { states: states(), inputs: map(), preconditions: preconditions() },
  }),
  definePlugin('trigger', {
    type: 'http.Trigger', title: 'Polls a URL and starts an execution when the response matches',
    aliases: [fsHttp('Trigger')], required: ['uri'],
    props: {
      ...httpCommon(), interval: duration({ default: 'PT60S' }),
      responseCondition: str({ default: '{{ response.statusCode < 400 }}' }),
    },
  }),
];
