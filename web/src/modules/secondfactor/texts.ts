import type { Shape } from '../../app/i18n/shape';

// The second factor's texts (issue 10); de.ts and en.ts include them under `secondFactor`.
export const secondFactorDe = {
  code: 'Code aus der Authenticator-App',
  codeHint: 'Sechs Ziffern, z. B. 123456. Die App zeigt alle 30 Sekunden einen neuen Code.',
  recoveryCode: 'Wiederherstellungscode',
  recoveryCodeHint: 'Einer der zehn Codes, die Sie bei der Einrichtung ausgedruckt oder gespeichert haben.',
  signIn: {
    heading: 'Zweiter Faktor',
    intro: 'Ihr Passwort ist richtig. Bitte geben Sie jetzt den Code aus Ihrer Authenticator-App ein.',
    introRecovery: 'Geben Sie einen Ihrer Wiederherstellungscodes ein. Jeder Code gilt nur einmal.',
    useRecovery: 'Wiederherstellungscode verwenden',
    useApp: 'Code aus der App verwenden',
    submit: 'Bestätigen',
    submitting: 'Wird geprüft …',
    restart: 'Zurück zur Anmeldung',
    enrolHeading: 'Zweiten Faktor einrichten',
    enrolIntro:
      'Ihre Organisation verlangt bei der Anmeldung einen zweiten Faktor. Richten Sie ihn jetzt ein; erst danach geht es weiter.',
    continue: 'Weiter zu Lotse',
  },
  setup: {
    start: 'Zweiten Faktor einrichten',
    starting: 'Wird vorbereitet …',
    step1:
      '1. Scannen Sie den QR-Code mit einer Authenticator-App (z. B. FreeOTP, Aegis, Google oder Microsoft Authenticator).',
    qrLabel: 'QR-Code zum Einrichten der Authenticator-App',
    manual: 'Kein Scan möglich? Geben Sie diesen Schlüssel in der App von Hand ein:',
    secretLabel: 'Schlüssel',
    step2: '2. Geben Sie den Code ein, den die App jetzt anzeigt.',
    confirm: 'Einrichtung bestätigen',
    confirming: 'Wird bestätigt …',
    cancel: 'Abbrechen',
  },
  recovery: {
    heading: 'Ihre Wiederherstellungscodes',
    intro:
      'Mit diesen Codes melden Sie sich an, wenn Sie Ihr Telefon nicht zur Hand haben. Jeder Code gilt einmal. Sie werden nur jetzt angezeigt: Drucken Sie sie aus oder bewahren Sie sie an einem sicheren Ort auf (nicht auf dem Telefon mit der App).',
    listLabel: 'Wiederherstellungscodes',
    copy: 'Codes kopieren',
    copied: 'Die Codes sind in der Zwischenablage.',
    print: 'Codes drucken',
    stored: 'Ich habe die Codes sicher aufbewahrt',
  },
  account: {
    heading: 'Zweiter Faktor (Authenticator-App)',
    none: 'Sie melden sich nur mit Ihrem Passwort an. Ein zweiter Faktor schützt Ihr Konto, auch wenn das Passwort bekannt wird.',
    required: 'Ihre Organisation verlangt einen zweiten Faktor.',
    active: 'Eingerichtet am {{date}}. Noch {{count}} von 10 Wiederherstellungscodes unbenutzt.',
    confirmed: 'Der zweite Faktor ist eingerichtet. Ab der nächsten Anmeldung fragt Lotse nach dem Code.',
    reauthIntro: 'Zur Bestätigung: Ihr Passwort oder ein aktueller Code aus der App.',
    password: 'Passwort',
    regenerate: 'Neue Wiederherstellungscodes erzeugen',
    regenerateHint: 'Die bisherigen Codes gelten danach nicht mehr.',
    disable: 'Zweiten Faktor abschalten',
    disabled: 'Der zweite Faktor ist abgeschaltet.',
    requiredNoDisable: 'Abschalten ist nicht möglich, solange Ihre Organisation den zweiten Faktor verlangt.',
  },
  settings: {
    legend: 'Anmeldung',
    required: 'Zweiter Faktor für alle Mitarbeitenden verlangen',
    requiredHint:
      'Wer noch keinen zweiten Faktor hat, wird abgemeldet und richtet ihn bei der nächsten Anmeldung ein. Dazu müssen Sie selbst zuerst einen zweiten Faktor einrichten (Benutzerkonto).',
  },
  admin: {
    heading: 'Zweiter Faktor',
    none: 'Nicht eingerichtet.',
    pending: 'Einrichtung begonnen, noch nicht bestätigt.',
    active: 'Eingerichtet am {{date}}.',
    reset: 'Zweiten Faktor zurücksetzen',
    resetHint:
      'Zum Beispiel nach Verlust des Telefons. Die Person wird abgemeldet und meldet sich danach nur mit dem Passwort an (oder richtet den Faktor neu ein, wenn Ihre Organisation ihn verlangt).',
    resetConfirm: 'Zweiten Faktor von {{name}} wirklich zurücksetzen?',
    resetDone: 'Der zweite Faktor wurde zurückgesetzt.',
  },
};

export const secondFactorEn: Shape<typeof secondFactorDe> = {
  code: 'Code from the authenticator app',
  codeHint: 'Six digits, e.g. 123456. The app shows a new code every 30 seconds.',
  recoveryCode: 'Recovery code',
  recoveryCodeHint: 'One of the ten codes you printed or stored when you set up the app.',
  signIn: {
    heading: 'Second factor',
    intro: 'Your password is right. Please enter the code from your authenticator app now.',
    introRecovery: 'Enter one of your recovery codes. Each code works once.',
    useRecovery: 'Use a recovery code',
    useApp: 'Use a code from the app',
    submit: 'Confirm',
    submitting: 'Checking …',
    restart: 'Back to sign-in',
    enrolHeading: 'Set up a second factor',
    enrolIntro:
      'Your organisation requires a second factor at sign-in. Please set it up now; you can continue afterwards.',
    continue: 'Continue to Lotse',
  },
  setup: {
    start: 'Set up a second factor',
    starting: 'Preparing …',
    step1:
      '1. Scan the QR code with an authenticator app (e.g. FreeOTP, Aegis, Google or Microsoft Authenticator).',
    qrLabel: 'QR code for setting up the authenticator app',
    manual: 'Cannot scan? Enter this key in the app by hand:',
    secretLabel: 'Key',
    step2: '2. Enter the code the app shows now.',
    confirm: 'Confirm set-up',
    confirming: 'Confirming …',
    cancel: 'Cancel',
  },
  recovery: {
    heading: 'Your recovery codes',
    intro:
      'With these codes you sign in when your phone is not at hand. Each code works once. They are shown only now: print them or keep them in a safe place (not on the phone with the app).',
    listLabel: 'Recovery codes',
    copy: 'Copy codes',
    copied: 'The codes are on the clipboard.',
    print: 'Print codes',
    stored: 'I have stored the codes safely',
  },
  account: {
    heading: 'Second factor (authenticator app)',
    none: 'You sign in with your password only. A second factor protects your account even if the password becomes known.',
    required: 'Your organisation requires a second factor.',
    active: 'Set up on {{date}}. {{count}} of 10 recovery codes unused.',
    confirmed: 'The second factor is set up. From your next sign-in Lotse asks for the code.',
    reauthIntro: 'To confirm: your password or a current code from the app.',
    password: 'Password',
    regenerate: 'Create new recovery codes',
    regenerateHint: 'The previous codes stop working.',
    disable: 'Switch the second factor off',
    disabled: 'The second factor is switched off.',
    requiredNoDisable: 'It cannot be switched off while your organisation requires a second factor.',
  },
  settings: {
    legend: 'Sign-in',
    required: 'Require a second factor of every member',
    requiredHint:
      'Members without a second factor are signed out and set it up at their next sign-in. You must set up a second factor for yourself first (user account).',
  },
  admin: {
    heading: 'Second factor',
    none: 'Not set up.',
    pending: 'Set-up started, not yet confirmed.',
    active: 'Set up on {{date}}.',
    reset: 'Reset second factor',
    resetHint:
      'E.g. after a lost phone. The person is signed out and then signs in with the password only (or sets the factor up again if your organisation requires it).',
    resetConfirm: 'Really reset the second factor of {{name}}?',
    resetDone: 'The second factor has been reset.',
  },
};
