package org.burstflow.activities.report;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Properties;
import org.burstflow.contracts.JobKey;

/** Sends a report as multipart/alternative (plain text + HTML) over SMTP. */
public class ReportMailer {

  private final Session session;
  private final InternetAddress from;

  public ReportMailer(String smtpHost, int smtpPort, String fromAddress) {
    Properties props = new Properties();
    props.put("mail.smtp.host", smtpHost);
    props.put("mail.smtp.port", Integer.toString(smtpPort));
    props.put("mail.smtp.connectiontimeout", "10000");
    props.put("mail.smtp.timeout", "30000");
    this.session = Session.getInstance(props);
    try {
      this.from = new InternetAddress(fromAddress, true);
    } catch (MessagingException e) {
      throw new IllegalArgumentException("invalid sender address '" + fromAddress + "'", e);
    }
  }

  /**
   * Sends and returns the Message-ID. The id is derived from the job, so that if a crash makes
   * us send twice, mail clients can still tell it is the same message.
   */
  public String send(JobKey job, String recipient, String subject, String text, String html)
      throws MessagingException {
    MimeMessage message =
        new MimeMessage(session) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId(job, from));
          }
        };
    message.setFrom(from);
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient, true));
    message.setSubject(subject, "UTF-8");
    message.setHeader("X-Burstflow-Job", job.toString());

    MimeBodyPart plain = new MimeBodyPart();
    plain.setText(text, "UTF-8", "plain");
    MimeBodyPart rich = new MimeBodyPart();
    rich.setText(html, "UTF-8", "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(plain);
    alternative.addBodyPart(rich);
    message.setContent(alternative);
    message.saveChanges();
    Transport.send(message);
    return message.getMessageID();
  }

  static String messageId(JobKey job, InternetAddress from) {
    String address = from.getAddress();
    String domain = address.substring(address.indexOf('@') + 1);
    return "<job-report." + job.cluster() + "." + job.jobId() + "@" + domain + ">";
  }
}
