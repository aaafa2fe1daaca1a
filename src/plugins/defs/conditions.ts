// Condition entries of the plugin catalogue (trigger conditions; evaluated by triggers/conditions/).
import { type TProperties } from '@sinclair/typebox';
import { str, staticStr, staticBool, states, labels, conditions, conditionMap, staticEnum } from '../../tasks/schema.ts';
import { definePlugin, type PluginEntry } from '../../tasks/entry.ts';
import { timeWindow } from './triggers.ts';

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
const date = () => str({ default: '{{ trigger.date }}' });

/** canonical io.kestra.plugin.core.condition.<name>, aliased by the two legacy `<name>Condition` spellings */
function cond(name: string, title: string, props: TProperties, required: string[] = [], extra: { aliases?: string[]; deprecated?: boolean } = {}): PluginEntry {
  return definePlugin('condition', {
    type: `condition.${name}`, title, props, required,
    aliases: [`io.kestra.core.models.conditions.types.${name}Condition`, `io.kestra.plugin.core.condition.${name}Condition`, ...(extra.aliases ?? [])],
    deprecated: extra.deprecated,
  });
}

/** conditions whose canonical class name already ends with Condition */
function legacyNamed(name: string, title: string, props: TProperties, required: string[], deprecated = false): PluginEntry {
  return definePlugin('condition', {
    type: `condition.${name}`, title, props, required, deprecated,
    aliases: [`io.kestra.core.models.conditions.types.${name}`],
  });
}

export const conditionEntries: PluginEntry[] = [
  cond('ExecutionStatus', 'True when the upstream execution state is in a set', { in: states(), notIn: states() }),
  cond('ExecutionFlow', 'True when the upstream execution belongs to a given flow', { namespace: str(), flowId: str() }, ['namespace', 'flowId']),
  cond('ExecutionNamespace', 'True when the upstream execution namespace matches', {
    namespace: str(), comparison: staticEnum(['EQUALS', 'PREFIX', 'SUFFIX']), prefix: staticBool({ default: false }),
  }, ['namespace']),
  cond('ExecutionLabels', 'True when the upstream execution carries all given labels', { labels: labels() }, ['labels']),
  cond('ExecutionOutputs', 'True when an expression over the upstream outputs holds', { expression: str() }, ['expression']),
  cond('Expression', 'True when an expression renders a true value', { expression: str() }, ['expression'], {
    aliases: ['io.kestra.core.models.conditions.types.VariableCondition'],
  }),
  cond('DayWeek', 'True on a given day of the week', { dayOfWeek: staticEnum(DAYS), date: date() }, ['dayOfWeek']),
  cond('DayWeekInMonth', 'True on the nth given weekday of the month', {
    dayOfWeek: staticEnum(DAYS), dayInMonth: staticEnum(['FIRST', 'SECOND', 'THIRD', 'FOURTH', 'LAST']), date: date(),
  }, ['dayOfWeek', 'dayInMonth']),
  cond('Weekend', 'True on Saturdays and Sundays', { date: date() }),
  cond('PublicHoliday', 'True on public holidays of a country', { date: date(), country: staticStr(), subDivision: staticStr() }),
  cond('TimeBetween', 'True when the time of day lies between bounds', { date: date(), after: staticStr(), before: staticStr() }),
  cond('DateTimeBetween', 'True when the date lies between bounds', { date: date(), after: staticStr(), before: staticStr() }),
  cond('Not', 'True when none of the given conditions hold', { conditions: conditions({ minItems: 1 }) }, ['conditions']),
  cond('Or', 'True when any of the given conditions holds', { conditions: conditions({ minItems: 1 }) }, ['conditions']),
  cond('HasRetryAttempt', 'True when a retried task attempt is in a state set', { in: states(), notIn: states() }),
  legacyNamed('MultipleCondition', 'True when all sub-conditions were met within a time window', {
    id: staticStr({ pattern: '^[a-zA-Z0-9][a-zA-Z0-9_-]*' }), window: str(), windowAdvance: str(), timeWindow: timeWindow(),
    resetOnSuccess: staticBool({ default: true }), conditions: conditionMap({ minProperties: 1 }),
  }, ['id', 'conditions']),
  legacyNamed('FlowCondition', 'True when the upstream execution belongs to a flow (deprecated)', { namespace: str(), flowId: str() }, ['namespace', 'flowId'], true),
  legacyNamed('FlowNamespaceCondition', 'True when the upstream namespace matches (deprecated)', { namespace: str(), prefix: staticBool({ default: false }) }, ['namespace'], true),
];
