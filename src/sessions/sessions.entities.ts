import { ConsoleAccount } from './console-account.entity.js';
import { ConsoleSession } from './console-session.entity.js';
import { SignInLink } from './sign-in-link.entity.js';

export const SESSION_ENTITIES = [ConsoleAccount, ConsoleSession, SignInLink];
