import type { Command } from 'commander';
import { register as salary } from './salary';
import { register as schedule } from './schedule';
import { register as rules } from './rules';
import { register as stipend } from './stipend';
import { register as sickLeave } from './sick-leave';

export const COMMANDS: ((p: Command) => void)[] = [salary, schedule, stipend, sickLeave, rules];
