package org.burstflow.worker.portal;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.burstflow.worker.budget.ApiKeyRegistry;
import org.burstflow.worker.budget.ApiRole;
import org.burstflow.worker.config.BurstflowProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out who a portal request comes from. A token ({@code Authorization: Bearer}) wins: a
 * personal token is its user, an admin or read-only API key is support staff. Otherwise the
 * login proxy's header names the user, but only on requests from a trusted proxy address: a
 * header anyone could type is believed only from the proxy that sets it.
 */
public class PortalIdentity {

  private static final Logger log = LoggerFactory.getLogger(PortalIdentity.class);
  /** Slurm user names; anything else in the header is a misconfigured proxy, not a user. */
  private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  private final String userHeader;
  private final Set<InetAddress> trustedProxies;
  private final Set<String> supportUsers;
  private final PortalTokens tokens;
  private final ApiKeyRegistry apiKeys;

  public PortalIdentity(BurstflowProperties.Portal portal, PortalTokens tokens, ApiKeyRegistry apiKeys) {
    this.userHeader = portal.userHeader();
    this.trustedProxies = portal.trustedProxies() == null ? Set.of()
        : portal.trustedProxies().stream().filter(a -> !a.isBlank()).map(PortalIdentity::address).collect(Collectors.toSet());
    this.supportUsers = portal.supportUsers() == null ? Set.of() : Set.copyOf(portal.supportUsers());
    this.tokens = tokens;
    this.apiKeys = apiKeys;
  }

  public Optional<Viewer> of(HttpServletRequest request) {
    String token = bearer(request);
    if (token != null) {
      Optional<String> user = tokens.userOf(token);
      if (user.isPresent()) {
        return Optional.of(person(user.get()));
      }
      return apiKeys.find(token)
          .filter(k -> k.role() == ApiRole.ADMIN || k.role() == ApiRole.READ_ONLY)
          .map(k -> new Viewer(k.name(), true, false));
    }
    String header = request.getHeader(userHeader);
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    if (!fromTrustedProxy(request)) {
      log.warn("{} header from {}, which is not a trusted proxy: ignored", userHeader, request.getRemoteAddr());
      return Optional.empty();
    }
    String user = header.strip();
    if (!LOGIN.matcher(user).matches()) {
      log.warn("{} header is not a login name: ignored", userHeader);
      return Optional.empty();
    }
    return Optional.of(person(user));
  }

  private Viewer person(String user) {
    return new Viewer(user, supportUsers.contains(user), true);
  }

  private boolean fromTrustedProxy(HttpServletRequest request) {
    try {
      return trustedProxies.contains(InetAddress.getByName(request.getRemoteAddr()));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static String bearer(HttpServletRequest request) {
    String auth = request.getHeader("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && auth.length() > 7) {
      return auth.substring(7).trim();
    }
    return null;
  }

  private static InetAddress address(String literal) {
    try {
      // literals only: a host name here would make every request wait for DNS
      if (!literal.matches("[0-9a-fA-F:.]+")) {
        throw new IllegalArgumentException("burstflow.portal.trusted-proxies takes IP addresses, got '" + literal + "'");
      }
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("burstflow.portal.trusted-proxies: bad address '" + literal + "'", e);
    }
  }
}
