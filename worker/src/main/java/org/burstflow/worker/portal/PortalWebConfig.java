package org.burstflow.worker.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import javax.sql.DataSource;
import org.burstflow.worker.budget.ApiKeyRegistry;
import org.burstflow.worker.config.BurstflowProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires the portal: every handler that takes a {@link Viewer} gets one or the request is refused
 * with 401 (so no portal page can forget to check), and every portal response carries headers
 * that keep a report's HTML from running anything or being framed.
 */
@Configuration
public class PortalWebConfig implements WebMvcConfigurer {

  /** No scripts at all; images and styles only from here (charts) or inline (SVG, report CSS). */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; img-src 'self' data:; "
      + "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  private final PortalIdentity identity;

  public PortalWebConfig(BurstflowProperties props, ApiKeyRegistry apiKeys) {
    this.identity = new PortalIdentity(props.portal(), new PortalTokens(props.portal().tokens()), apiKeys);
  }

  @Bean
  PortalIdentity portalIdentity() {
    return identity;
  }

  @Bean
  PortalRepository portalRepository(DataSource dataSource) {
    return new PortalRepository(new JdbcTemplate(dataSource));
  }

  @Bean
  ProjectDirectory projectDirectory(BurstflowProperties props, DataSource dataSource) {
    return new ProjectDirectory(props.portal().projectPis(), new BudgetAccountPis(new JdbcTemplate(dataSource)));
  }

  @Bean
  ReportAccess reportAccess(ProjectDirectory projects, PortalRepository repository) {
    return new ReportAccess(projects, repository);
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new HandlerMethodArgumentResolver() {
      @Override
      public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Viewer.class;
      }

      @Override
      public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest web,
          WebDataBinderFactory binders) {
        HttpServletRequest request = web.getNativeRequest(HttpServletRequest.class);
        Viewer viewer = identity.of(request).orElseThrow(() -> new PortalDenied(HttpStatus.UNAUTHORIZED,
            "sign in through the site's login, or send a personal token (Authorization: Bearer)"));
        request.setAttribute(Viewer.ATTRIBUTE, viewer);
        return viewer;
      }
    });
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new HandlerInterceptor() {
      @Override
      public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        // reports are personal: no shared cache may keep them
        response.setHeader("Cache-Control", "private, no-store");
        return true;
      }
    }).addPathPatterns("/portal/**", "/portal");
  }
}
