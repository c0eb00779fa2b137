import type { Command } from 'commander'
import { registerAlertsCommand } from './alerts.js'
import { registerAnalyzeCommand } from './analyze.js'
import { registerAuditCommand } from './audit.js'
import { registerBountyCommand } from './bounty.js'
import { registerCampaignCommand } from './campaign.js'
import { registerCaseCommand } from './case.js'
import { registerCustomersCommand } from './customers.js'
import { registerDbCommand } from './db.js'
import { registerDemoCommand } from './demo.js'
import { registerExportCommand } from './export.js'
import { registerFitCommand } from './fit.js'
import { registerFixCommand } from './fix.js'
import { registerImportCommand } from './import.js'
import { registerLessonsCommand } from './lessons.js'
import { registerLetgoCommand } from './letgo.js'
import { registerLetterCommand } from './letter.js'
import { registerLostCommand } from './lost.js'
import { registerMakegoodCommand } from './makegood.js'
import { registerMeetingCommand } from './meeting.js'
import { registerModelCommand } from './model.js'
import { registerOutboxCommand } from './outbox.js'
import { registerPlanCommand } from './plan.js'
import { registerPrivacyCommand } from './privacy.js'
import { registerReasonCommand } from './reason.js'
import { registerRelapseCommand } from './relapse.js'
import { registerReportCommand } from './report.js'
import { registerSendCommand } from './send.js'
import { registerServeCommand } from './serve.js'
import { registerSettingsCommand } from './settings.js'
import { registerShadowCommand } from './shadow.js'
import { registerStartCommand } from './start.js'
import { registerStatsCommand } from './stats.js'
import { registerSuppressCommand } from './suppress.js'
import { registerTemplateCommand } from './template.js'
import { registerTouchCommand } from './touch.js'
import { registerUserCommand } from './user.js'
import { registerUserPasswordCommand } from './user-password.js'
import { registerWorkerCommand } from './worker.js'

/** Each command file exports one `register…Command(program)`; this list is the CLI's surface. */
export const COMMANDS: readonly ((program: Command) => void)[] = [
  registerStartCommand,
  registerDbCommand,
  registerCustomersCommand,
  registerStatsCommand,
  registerDemoCommand,
  registerUserCommand,
  registerUserPasswordCommand,
  registerServeCommand,
  registerAnalyzeCommand,
  registerLostCommand,
  registerModelCommand,
  registerFitCommand,
  registerImportCommand,
  registerCaseCommand,
  registerReasonCommand,
  registerFixCommand,
  registerLessonsCommand,
  registerSettingsCommand,
  registerExportCommand,
  registerAuditCommand,
  registerTemplateCommand,
  registerOutboxCommand,
  registerSendCommand,
  registerPrivacyCommand,
  registerTouchCommand,
  registerSuppressCommand,
  registerMakegoodCommand,
  registerPlanCommand,
  registerBountyCommand,
  registerCampaignCommand,
  registerReportCommand,
  registerShadowCommand,
  registerWorkerCommand,
  registerAlertsCommand,
  registerRelapseCommand,
  registerLetgoCommand,
  registerLetterCommand,
  registerMeetingCommand,
]
