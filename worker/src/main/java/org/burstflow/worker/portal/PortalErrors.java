package org.burstflow.worker.portal;

import jakarta.servlet.http.HttpServletResponse;
import org.burstflow.worker.policy.SupportController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Refusals of portal requests as a page that says why, with the status they deserve. */
@ControllerAdvice(assignableTypes = {PortalController.class, ReportDownloadController.class, SupportController.class})
public class PortalErrors {

  @ExceptionHandler(PortalDenied.class)
  public String denied(PortalDenied e, HttpServletResponse response, Model model) {
    response.setStatus(e.status().value());
    model.addAttribute("status", e.status().value());
    model.addAttribute("reason", e.status().getReasonPhrase());
    model.addAttribute("message", e.getMessage());
    return "portal/denied";
  }
}
