// the written plan (issue 7 item 2): conditions both sides agree to, tracked to done; the extras;
// the printable agreement
export type { PlanAgreement } from './agree-plan.js'
export { agreePlan } from './agree-plan.js'
export { completeConditionOfTask, completePlanConditionAs } from './complete-condition.js'
export type { PlanConditionInput } from './condition-input.js'
export type { AgreementPaper, PlanAgreementFile } from './plan-agreement.js'
export { COMPANY_NAME_SETTING, planAgreementPdf } from './plan-agreement.js'
export { addPlanCondition, changePlanCondition, removePlanCondition } from './plan-conditions.js'
export type { PlanExtraInput } from './plan-extras.js'
export { addPlanExtra, removePlanExtra } from './plan-extras.js'
export type { PlanConditionView, PlanExtraView, PlanStatus, PlanView } from './plan-view.js'
export { changePlanSummary, getPlanAs, startPlan } from './start-plan.js'
