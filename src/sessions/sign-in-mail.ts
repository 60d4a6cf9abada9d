import type { ConsoleLanguage } from './console-account.entity.js';
import type { SignInLinkPurpose } from './sign-in-link.entity.js';

/** The email carrying a sign-in or invitation link, in the person's console language. */
export function signInMail(purpose: SignInLinkPurpose, language: ConsoleLanguage, name: string, url: string, validFor: string): { subject: string; body: string } {
  if (purpose === 'magic') {
    return language === 'en'
      ? { subject: 'Your Relance sign-in link', body: `Hello ${name},\n\nOpen this link to sign in to Relance (valid for ${validFor}, once):\n${url}\n\nIf you did not ask for it, ignore this email.` }
      : { subject: 'Votre lien de connexion Relance', body: `Bonjour ${name},\n\nOuvrez ce lien pour vous connecter à Relance (valable ${validFor}, une seule fois) :\n${url}\n\nSi vous ne l'avez pas demandé, ignorez ce message.` };
  }
  return language === 'en'
    ? { subject: 'You are invited to Relance', body: `Hello ${name},\n\nYou have an account on Relance. Choose your password here (valid for ${validFor}, once):\n${url}` }
    : { subject: 'Invitation à Relance', body: `Bonjour ${name},\n\nUn compte Relance vous attend. Choisissez votre mot de passe ici (valable ${validFor}, une seule fois) :\n${url}` };
}
