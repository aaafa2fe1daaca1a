// The id rules of custom dashboards, shared by their validation (dashboards/rules.ts) and by the
// JSON schema the editor validates against (plugins/schema/model-defs.ts), so both agree.

/** A dashboard id written in the YAML (1.x+; 0.21 generates one when it is absent). */
export const DASHBOARD_ID_PATTERN = '^[a-zA-Z0-9][a-zA-Z0-9._-]*$';
/** A chart id (Kestra's Chart `@Pattern`). */
export const CHART_ID_PATTERN = '^[a-zA-Z0-9][a-zA-Z0-9_-]*$';
