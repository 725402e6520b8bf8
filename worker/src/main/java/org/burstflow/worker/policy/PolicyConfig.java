package org.burstflow.worker.policy;

import org.burstflow.worker.config.BurstflowProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The escalation rule as configured ({@code burstflow.portal.escalation}). */
@Configuration
class PolicyConfig {

  @Bean
  EscalationRule escalationRule(BurstflowProperties props) {
    return new EscalationRule(props.portal().escalation());
  }
}
