import nodemailer from 'nodemailer';

/** What sends one message: nodemailer over SMTP in the server, the same in tests against a real SMTP server. */
export interface MailTransport {
  send(message: { readonly from: string; readonly to: string; readonly subject: string; readonly text: string; readonly html: string }): Promise<void>;
  close(): void;
}

/** An SMTP transport from `SMTP_URL` (`smtp://user:pass@host:587`, `smtps://…`); none without it. */
export function smtpTransport(smtpUrl: string | undefined): MailTransport | null {
  if (!smtpUrl) return null;
  const transporter = nodemailer.createTransport(smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 } as never);
  return {
    async send(message) {
      await transporter.sendMail({ ...message, headers: { 'Auto-Submitted': 'auto-generated' } });
    },
    close: () => transporter.close(),
  };
}
