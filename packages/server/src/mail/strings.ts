/** Every word of the mails and of the one-click pages, in the six languages of the elements. */
export const MAIL_LOCALES = ['en', 'de', 'fr', 'es', 'ja', 'ar'] as const;
export type MailLocale = (typeof MAIL_LOCALES)[number];

export interface MailStrings {
  replySubject: string;
  replyIntro: string;
  replyIntroNamed: string;
  youWrote: string;
  threadLink: string;
  announcementIntro: string;
  statusSubject: string;
  statusIntro: string;
  expectedBy: string;
  incidentSubject: string;
  incidentIntro: string;
  askSubject: string;
  askIntro: string;
  askYes: string;
  askNo: string;
  digestSubject: string;
  digestIntro: string;
  footerWhy: string;
  unsubscribeTopic: string;
  unsubscribeAll: string;
  dailyDigest: string;
  statuses: Record<string, string>;
  // the pages behind the links
  confirmTitle: string;
  confirmedYes: string;
  confirmedNo: string;
  unsubscribeTitle: string;
  unsubscribeButton: string;
  unsubscribedTopic: string;
  unsubscribedAll: string;
  digestTitle: string;
  digestButton: string;
  digestDone: string;
  badLink: string;
}

/** `{name}` placeholders are filled by `fill()`. Text from the team or the customer is never put into these templates as markup. */
export const MAIL_STRINGS: Record<MailLocale, MailStrings> = {
  en: {
    replySubject: '{site}: a reply to your feedback',
    replyIntro: 'We replied to your feedback:',
    replyIntroNamed: '{author} replied to your feedback:',
    youWrote: 'You wrote:',
    threadLink: 'Read the whole conversation, and tell us whether it is resolved',
    announcementIntro: 'News about “{topic}”, which you raised or follow:',
    statusSubject: '{site}: “{topic}” is now {status}',
    statusIntro: '“{topic}”, which you raised or follow, is now {status}.',
    expectedBy: 'Expected by {date}.',
    incidentSubject: '{site}: {topic} ({status})',
    incidentIntro: 'An update on “{topic}” ({status}):',
    askSubject: '{site}: is it resolved for you?',
    askIntro: 'We believe “{topic}” is fixed now. Is it resolved for you? One click is enough, nothing to type.',
    askYes: 'Yes, it is resolved',
    askNo: 'No, it is not resolved',
    digestSubject: '{site}: updates on “{topic}”',
    digestIntro: 'What happened on “{topic}”, which you raised or follow:',
    footerWhy: 'You get this because you allowed {site} to e-mail you about your feedback.',
    unsubscribeTopic: 'No more mails about this topic',
    unsubscribeAll: 'No more mails from {site}',
    dailyDigest: 'One daily digest instead',
    statuses: {
      heard: 'heard',
      planned: 'planned',
      'in-progress': 'in progress',
      done: 'done',
      declined: 'declined',
      investigating: 'investigating',
      identified: 'identified',
      monitoring: 'monitoring',
      resolved: 'resolved',
    },
    confirmTitle: 'Is it resolved for you?',
    confirmedYes: 'Thank you. It is marked resolved, as you said.',
    confirmedNo: 'Thank you. It is reopened, and the team will come back to you.',
    unsubscribeTitle: 'Stop these mails?',
    unsubscribeButton: 'Unsubscribe',
    unsubscribedTopic: 'Done: no more mails about this topic.',
    unsubscribedAll: 'Done: no more mails from us.',
    digestTitle: 'One daily digest instead of each mail?',
    digestButton: 'Send me a daily digest',
    digestDone: 'Done: you will get at most one digest a day.',
    badLink: 'This link has expired or is not valid.',
  },
  de: {
    replySubject: '{site}: eine Antwort auf Ihr Feedback',
    replyIntro: 'Wir haben auf Ihr Feedback geantwortet:',
    replyIntroNamed: '{author} hat auf Ihr Feedback geantwortet:',
    youWrote: 'Sie schrieben:',
    threadLink: 'Das ganze Gespräch lesen und uns sagen, ob es gelöst ist',
    announcementIntro: 'Neues zu „{topic}“, das Sie angesprochen haben oder verfolgen:',
    statusSubject: '{site}: „{topic}“ ist jetzt {status}',
    statusIntro: '„{topic}“, das Sie angesprochen haben oder verfolgen, ist jetzt {status}.',
    expectedBy: 'Erwartet bis {date}.',
    incidentSubject: '{site}: {topic} ({status})',
    incidentIntro: 'Ein Update zu „{topic}“ ({status}):',
    askSubject: '{site}: Ist es für Sie gelöst?',
    askIntro: 'Wir glauben, „{topic}“ ist jetzt behoben. Ist es für Sie gelöst? Ein Klick genügt, nichts zu tippen.',
    askYes: 'Ja, es ist gelöst',
    askNo: 'Nein, es ist nicht gelöst',
    digestSubject: '{site}: Neuigkeiten zu „{topic}“',
    digestIntro: 'Was bei „{topic}“ passiert ist, das Sie angesprochen haben oder verfolgen:',
    footerWhy: 'Sie erhalten diese Mail, weil Sie {site} erlaubt haben, Ihnen zu Ihrem Feedback zu schreiben.',
    unsubscribeTopic: 'Keine Mails mehr zu diesem Thema',
    unsubscribeAll: 'Keine Mails mehr von {site}',
    dailyDigest: 'Stattdessen eine tägliche Zusammenfassung',
    statuses: {
      heard: 'gehört',
      planned: 'geplant',
      'in-progress': 'in Arbeit',
      done: 'erledigt',
      declined: 'abgelehnt',
      investigating: 'in Untersuchung',
      identified: 'Ursache gefunden',
      monitoring: 'unter Beobachtung',
      resolved: 'behoben',
    },
    confirmTitle: 'Ist es für Sie gelöst?',
    confirmedYes: 'Danke. Es ist als gelöst markiert, wie Sie gesagt haben.',
    confirmedNo: 'Danke. Es ist wieder geöffnet, und das Team meldet sich bei Ihnen.',
    unsubscribeTitle: 'Diese Mails abbestellen?',
    unsubscribeButton: 'Abbestellen',
    unsubscribedTopic: 'Erledigt: keine Mails mehr zu diesem Thema.',
    unsubscribedAll: 'Erledigt: keine Mails mehr von uns.',
    digestTitle: 'Eine tägliche Zusammenfassung statt jeder Mail?',
    digestButton: 'Tägliche Zusammenfassung senden',
    digestDone: 'Erledigt: Sie erhalten höchstens eine Zusammenfassung pro Tag.',
    badLink: 'Dieser Link ist abgelaufen oder ungültig.',
  },
  fr: {
    replySubject: '{site} : une réponse à votre avis',
    replyIntro: 'Nous avons répondu à votre avis :',
    replyIntroNamed: '{author} a répondu à votre avis :',
    youWrote: 'Vous avez écrit :',
    threadLink: 'Lire toute la conversation et nous dire si c’est résolu',
    announcementIntro: 'Du nouveau sur « {topic} », que vous avez signalé ou suivez :',
    statusSubject: '{site} : « {topic} » est maintenant {status}',
    statusIntro: '« {topic} », que vous avez signalé ou suivez, est maintenant {status}.',
    expectedBy: 'Prévu pour le {date}.',
    incidentSubject: '{site} : {topic} ({status})',
    incidentIntro: 'Point sur « {topic} » ({status}) :',
    askSubject: '{site} : est-ce résolu pour vous ?',
    askIntro: 'Nous pensons que « {topic} » est corrigé. Est-ce résolu pour vous ? Un clic suffit, rien à écrire.',
    askYes: 'Oui, c’est résolu',
    askNo: 'Non, ce n’est pas résolu',
    digestSubject: '{site} : du nouveau sur « {topic} »',
    digestIntro: 'Ce qui s’est passé sur « {topic} », que vous avez signalé ou suivez :',
    footerWhy: 'Vous recevez ce message car vous avez permis à {site} de vous écrire au sujet de votre avis.',
    unsubscribeTopic: 'Plus de messages sur ce sujet',
    unsubscribeAll: 'Plus de messages de {site}',
    dailyDigest: 'Un résumé quotidien à la place',
    statuses: {
      heard: 'entendu',
      planned: 'prévu',
      'in-progress': 'en cours',
      done: 'fait',
      declined: 'refusé',
      investigating: 'en analyse',
      identified: 'cause identifiée',
      monitoring: 'sous surveillance',
      resolved: 'résolu',
    },
    confirmTitle: 'Est-ce résolu pour vous ?',
    confirmedYes: 'Merci. C’est marqué résolu, comme vous l’avez dit.',
    confirmedNo: 'Merci. C’est rouvert, et l’équipe reviendra vers vous.',
    unsubscribeTitle: 'Ne plus recevoir ces messages ?',
    unsubscribeButton: 'Se désabonner',
    unsubscribedTopic: 'C’est fait : plus de messages sur ce sujet.',
    unsubscribedAll: 'C’est fait : plus de messages de notre part.',
    digestTitle: 'Un résumé quotidien au lieu de chaque message ?',
    digestButton: 'M’envoyer un résumé quotidien',
    digestDone: 'C’est fait : au plus un résumé par jour.',
    badLink: 'Ce lien a expiré ou n’est pas valide.',
  },
  es: {
    replySubject: '{site}: una respuesta a tu opinión',
    replyIntro: 'Hemos respondido a tu opinión:',
    replyIntroNamed: '{author} ha respondido a tu opinión:',
    youWrote: 'Escribiste:',
    threadLink: 'Lee toda la conversación y dinos si está resuelto',
    announcementIntro: 'Novedades sobre «{topic}», que planteaste o sigues:',
    statusSubject: '{site}: «{topic}» ahora está {status}',
    statusIntro: '«{topic}», que planteaste o sigues, ahora está {status}.',
    expectedBy: 'Previsto para el {date}.',
    incidentSubject: '{site}: {topic} ({status})',
    incidentIntro: 'Novedades sobre «{topic}» ({status}):',
    askSubject: '{site}: ¿está resuelto para ti?',
    askIntro: 'Creemos que «{topic}» ya está arreglado. ¿Está resuelto para ti? Basta un clic, sin escribir nada.',
    askYes: 'Sí, está resuelto',
    askNo: 'No, no está resuelto',
    digestSubject: '{site}: novedades sobre «{topic}»',
    digestIntro: 'Lo que ha pasado con «{topic}», que planteaste o sigues:',
    footerWhy: 'Recibes esto porque permitiste a {site} escribirte sobre tu opinión.',
    unsubscribeTopic: 'No más correos sobre este tema',
    unsubscribeAll: 'No más correos de {site}',
    dailyDigest: 'Un resumen diario en su lugar',
    statuses: {
      heard: 'escuchado',
      planned: 'planificado',
      'in-progress': 'en curso',
      done: 'hecho',
      declined: 'descartado',
      investigating: 'en investigación',
      identified: 'causa identificada',
      monitoring: 'en observación',
      resolved: 'resuelto',
    },
    confirmTitle: '¿Está resuelto para ti?',
    confirmedYes: 'Gracias. Queda marcado como resuelto, como dijiste.',
    confirmedNo: 'Gracias. Se ha reabierto y el equipo volverá a escribirte.',
    unsubscribeTitle: '¿Dejar de recibir estos correos?',
    unsubscribeButton: 'Darse de baja',
    unsubscribedTopic: 'Hecho: no más correos sobre este tema.',
    unsubscribedAll: 'Hecho: no más correos nuestros.',
    digestTitle: '¿Un resumen diario en lugar de cada correo?',
    digestButton: 'Enviarme un resumen diario',
    digestDone: 'Hecho: como mucho un resumen al día.',
    badLink: 'Este enlace ha caducado o no es válido.',
  },
  ja: {
    replySubject: '{site}：ご意見への返信',
    replyIntro: 'ご意見に返信しました：',
    replyIntroNamed: '{author}がご意見に返信しました：',
    youWrote: 'お客様のご意見：',
    threadLink: 'やり取りの全文を読み、解決したかどうかをお知らせください',
    announcementIntro: 'お客様が挙げた、またはフォロー中の「{topic}」についてのお知らせ：',
    statusSubject: '{site}：「{topic}」は{status}になりました',
    statusIntro: 'お客様が挙げた、またはフォロー中の「{topic}」は{status}になりました。',
    expectedBy: '{date}までの予定です。',
    incidentSubject: '{site}：{topic}（{status}）',
    incidentIntro: '「{topic}」の最新情報（{status}）：',
    askSubject: '{site}：問題は解決しましたか？',
    askIntro: '「{topic}」は修正されたと考えています。お客様の問題は解決しましたか？ 入力は不要、クリックひとつです。',
    askYes: 'はい、解決しました',
    askNo: 'いいえ、解決していません',
    digestSubject: '{site}：「{topic}」の最新情報',
    digestIntro: 'お客様が挙げた、またはフォロー中の「{topic}」の動き：',
    footerWhy: 'ご意見について{site}からのメールを許可されたため、このメールをお送りしています。',
    unsubscribeTopic: 'この話題のメールを停止',
    unsubscribeAll: '{site}からのメールをすべて停止',
    dailyDigest: '代わりに1日1回のまとめを受け取る',
    statuses: {
      heard: '受付済み',
      planned: '予定',
      'in-progress': '対応中',
      done: '完了',
      declined: '見送り',
      investigating: '調査中',
      identified: '原因特定',
      monitoring: '経過観察中',
      resolved: '解決済み',
    },
    confirmTitle: '問題は解決しましたか？',
    confirmedYes: 'ありがとうございます。ご回答どおり解決済みにしました。',
    confirmedNo: 'ありがとうございます。再オープンしました。担当者からご連絡します。',
    unsubscribeTitle: 'これらのメールを停止しますか？',
    unsubscribeButton: '配信停止',
    unsubscribedTopic: '完了：この話題のメールは届きません。',
    unsubscribedAll: '完了：今後メールは届きません。',
    digestTitle: '毎回のメールの代わりに1日1回のまとめにしますか？',
    digestButton: '1日1回のまとめを受け取る',
    digestDone: '完了：まとめは1日1回までです。',
    badLink: 'このリンクは期限切れか無効です。',
  },
  ar: {
    replySubject: '{site}: رد على ملاحظتك',
    replyIntro: 'رددنا على ملاحظتك:',
    replyIntroNamed: 'ردّ {author} على ملاحظتك:',
    youWrote: 'كتبتَ:',
    threadLink: 'اقرأ المحادثة كاملة وأخبرنا إن كانت المشكلة قد حُلّت',
    announcementIntro: 'مستجدات حول «{topic}» الذي أثرته أو تتابعه:',
    statusSubject: '{site}: «{topic}» الآن {status}',
    statusIntro: '«{topic}» الذي أثرته أو تتابعه أصبح الآن {status}.',
    expectedBy: 'متوقع بحلول {date}.',
    incidentSubject: '{site}: {topic} ({status})',
    incidentIntro: 'تحديث حول «{topic}» ({status}):',
    askSubject: '{site}: هل حُلّت المشكلة لديك؟',
    askIntro: 'نعتقد أن «{topic}» قد أُصلح الآن. هل حُلّت المشكلة لديك؟ نقرة واحدة تكفي، دون كتابة.',
    askYes: 'نعم، حُلّت',
    askNo: 'لا، لم تُحلّ',
    digestSubject: '{site}: مستجدات حول «{topic}»',
    digestIntro: 'ما حدث بشأن «{topic}» الذي أثرته أو تتابعه:',
    footerWhy: 'تصلك هذه الرسالة لأنك سمحت لـ {site} بمراسلتك بشأن ملاحظتك.',
    unsubscribeTopic: 'إيقاف الرسائل حول هذا الموضوع',
    unsubscribeAll: 'إيقاف كل الرسائل من {site}',
    dailyDigest: 'ملخص يومي واحد بدلًا من ذلك',
    statuses: {
      heard: 'تم الاستماع',
      planned: 'مخطط له',
      'in-progress': 'قيد التنفيذ',
      done: 'تم',
      declined: 'مرفوض',
      investigating: 'قيد التحقيق',
      identified: 'تم تحديد السبب',
      monitoring: 'قيد المراقبة',
      resolved: 'تم الحل',
    },
    confirmTitle: 'هل حُلّت المشكلة لديك؟',
    confirmedYes: 'شكرًا لك. تم تعليمها كمحلولة كما قلت.',
    confirmedNo: 'شكرًا لك. أُعيد فتحها وسيعود إليك الفريق.',
    unsubscribeTitle: 'إيقاف هذه الرسائل؟',
    unsubscribeButton: 'إلغاء الاشتراك',
    unsubscribedTopic: 'تم: لن تصلك رسائل حول هذا الموضوع.',
    unsubscribedAll: 'تم: لن تصلك رسائل منا.',
    digestTitle: 'ملخص يومي بدلًا من كل رسالة؟',
    digestButton: 'أرسل لي ملخصًا يوميًا',
    digestDone: 'تم: ملخص واحد يوميًا على الأكثر.',
    badLink: 'انتهت صلاحية هذا الرابط أو أنه غير صالح.',
  },
};

/** The mail language for a customer's locale (`de-AT` → `de`), English when we have none. */
export function mailLocale(locale: string | null | undefined): MailLocale {
  const lang = (locale ?? 'en').toLowerCase().split('-')[0];
  return (MAIL_LOCALES as readonly string[]).includes(lang) ? (lang as MailLocale) : 'en';
}

/** Fills `{name}` placeholders with plain text. */
export const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
