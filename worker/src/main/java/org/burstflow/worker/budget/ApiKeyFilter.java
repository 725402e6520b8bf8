package org.burstflow.worker.budget;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code /api/**} with API keys ({@code Authorization: Bearer <key>}, or {@code
 * X-API-Key: <key>} as ASBA's client sends it). No or unknown key → 401, a key whose role may
 * not do this → 403, both in ASBB's error envelope.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiKeyFilter extends OncePerRequestFilter {

  /** Request attribute naming the key holder, for logs. */
  public static final String KEY_NAME = "burstflow.apiKeyName";
  private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);

  private final ApiKeyRegistry keys;
  private final ObjectMapper json;

  public ApiKeyFilter(ApiKeyRegistry keys, ObjectMapper json) {
    this.keys = keys;
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    Optional<ApiRole> required = AccessRules.required(request.getMethod(), path);
    if (required.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    String presented = presentedKey(request);
    if (presented == null) {
      deny(response, HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "an API key is required (Authorization: Bearer <key>)");
      return;
    }
    Optional<ApiKeyRegistry.KnownKey> key = keys.find(presented);
    if (key.isEmpty()) {
      log.warn("unknown API key on {} {}", request.getMethod(), path);
      deny(response, HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "unknown API key");
      return;
    }
    if (!key.get().role().satisfies(required.get())) {
      deny(response, HttpStatus.FORBIDDEN, "FORBIDDEN",
          "key '" + key.get().name() + "' has role " + key.get().role() + "; " + request.getMethod() + " " + path
              + " needs " + required.get());
      return;
    }
    request.setAttribute(KEY_NAME, key.get().name());
    chain.doFilter(request, response);
  }

  private static String presentedKey(HttpServletRequest request) {
    String auth = request.getHeader("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && auth.length() > 7) {
      return auth.substring(7).trim();
    }
    String header = request.getHeader("X-API-Key");
    return header == null || header.isBlank() ? null : header.trim();
  }

  private void deny(HttpServletResponse response, HttpStatus status, String code, String message) throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    if (status == HttpStatus.UNAUTHORIZED) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    json.writeValue(response.getOutputStream(), ApiError.of(code, message, null));
  }
}
