package org.burstflow.activities.report;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.util.List;
import java.util.Properties;
import org.apache.commons.text.StringEscapeUtils;
import org.burstflow.contracts.JobKey;

/**
 * Sends reports over SMTP as {@code multipart/alternative}: plain text, and HTML inside a
 * {@code multipart/related} with each chart as an inline PNG whose Content-ID is the chart's
 * name (the HTML says {@code <img src="cid:NAME">}). Every e-mail carries the preferences link
 * and a one-click opt-out (in the body and as List-Unsubscribe, RFC 8058).
 */
public class ReportMailer {

  /** One e-mail. {@code messageId} is derived from what it carries, so a resend is recognisable. */
  public record Outgoing(String messageId, String recipient, String user, String subject, String text,
      String html, List<ChartImage> charts, String jobHeader) {}

  private final Session session;
  private final InternetAddress from;
  private final PreferenceLinks links;

  /** Without preference links: the e-mails carry no opt-out (only for callers with no portal). */
  public ReportMailer(String smtpHost, int smtpPort, String fromAddress) {
    this(smtpHost, smtpPort, fromAddress, null);
  }

  public ReportMailer(String smtpHost, int smtpPort, String fromAddress, PreferenceLinks links) {
    Properties props = new Properties();
    props.put("mail.smtp.host", smtpHost);
    props.put("mail.smtp.port", Integer.toString(smtpPort));
    props.put("mail.smtp.connectiontimeout", "10000");
    props.put("mail.smtp.timeout", "30000");
    this.session = Session.getInstance(props);
    this.links = links;
    try {
      this.from = new InternetAddress(fromAddress, true);
    } catch (MessagingException e) {
      throw new IllegalArgumentException("invalid sender address '" + fromAddress + "'", e);
    }
  }

  /**
   * Sends a job's report and returns the Message-ID. The id is derived from the job, so that if
   * a crash makes us send twice, mail clients can still tell it is the same message.
   */
  public String send(JobKey job, String recipient, String subject, String text, String html)
      throws MessagingException {
    return send(new Outgoing(messageId(job, from), recipient, null, subject, text, html, List.of(), job.toString()));
  }

  public String send(Outgoing mail) throws MessagingException {
    MimeMessage message =
        new MimeMessage(session) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", mail.messageId());
          }
        };
    message.setFrom(from);
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.recipient(), true));
    message.setSubject(mail.subject(), "UTF-8");
    if (mail.jobHeader() != null) {
      message.setHeader("X-Burstflow-Job", mail.jobHeader());
    }
    String text = mail.text();
    String html = mail.html();
    if (links != null && mail.user() != null) {
      String optOut = links.optOutUrl(mail.user());
      message.setHeader("List-Unsubscribe", "<" + optOut + ">");
      message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
      text += "\n--\nHow often you get these e-mails: " + links.preferencesUrl()
          + "\nStop them (one click): " + optOut + "\n";
      html = withFooter(html, links.preferencesUrl(), optOut);
    }

    MimeBodyPart plain = new MimeBodyPart();
    plain.setText(text, "UTF-8", "plain");
    MimeBodyPart rich = new MimeBodyPart();
    rich.setText(html, "UTF-8", "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(plain);
    if (mail.charts().isEmpty()) {
      alternative.addBodyPart(rich);
    } else {
      MimeMultipart related = new MimeMultipart("related");
      related.addBodyPart(rich);
      for (ChartImage chart : mail.charts()) {
        MimeBodyPart image = new MimeBodyPart();
        image.setDataHandler(new DataHandler(new ByteArrayDataSource(chart.png(), "image/png")));
        image.setContentID("<" + chart.name() + ">");
        image.setDisposition(Part.INLINE);
        image.setFileName(chart.name() + ".png");
        related.addBodyPart(image);
      }
      MimeBodyPart relatedPart = new MimeBodyPart();
      relatedPart.setContent(related);
      alternative.addBodyPart(relatedPart);
    }
    message.setContent(alternative);
    message.saveChanges();
    Transport.send(message);
    return message.getMessageID();
  }

  private static String withFooter(String html, String preferences, String optOut) {
    String footer = "<hr><p style=\"font-size:smaller;color:#555\">How often you get these e-mails: <a href=\""
        + StringEscapeUtils.escapeHtml4(preferences) + "\">preferences</a>. <a href=\""
        + StringEscapeUtils.escapeHtml4(optOut) + "\">Stop these e-mails</a> (one click).</p>\n";
    int end = html.lastIndexOf("</body>");
    return end < 0 ? html + footer : html.substring(0, end) + footer + html.substring(end);
  }

  public String senderDomain() {
    String address = from.getAddress();
    return address.substring(address.indexOf('@') + 1);
  }

  static String messageId(JobKey job, InternetAddress from) {
    String address = from.getAddress();
    String domain = address.substring(address.indexOf('@') + 1);
    return "<job-report." + job.cluster() + "." + job.jobId() + "@" + domain + ">";
  }

  /** The Message-ID of a job's own report e-mail. */
  public String messageIdOf(JobKey job) {
    return messageId(job, from);
  }
}
