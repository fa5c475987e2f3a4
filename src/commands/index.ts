import type { Command } from 'commander';
import { register as salary } from './salary';
import { register as schedule } from './schedule';
import { register as rules } from './rules';
import { register as stipend } from './stipend';
import { register as sickLeave } from './sick-leave';
import { register as deadline } from './deadline';
import { register as calendar } from './calendar';
import { register as stepAdvance } from './step-advance';
import { register as check } from './check';
import { register as audit } from './audit';
import { register as cost } from './cost';

export const COMMANDS: ((p: Command) => void)[] = [salary, schedule, stipend, sickLeave, deadline, calendar, stepAdvance, check, audit, cost, rules];
