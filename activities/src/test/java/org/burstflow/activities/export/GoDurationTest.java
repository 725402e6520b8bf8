package org.burstflow.activities.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Go's time.Duration.String() forms, as ASBX's JSON carries them. */
class GoDurationTest {

  @Test
  void printsGoForms() {
    assertEquals("2h0m0s", GoDuration.format(Duration.ofHours(2)));
    assertEquals("5m0s", GoDuration.format(Duration.ofMinutes(5)));
    assertEquals("2h30m0s", GoDuration.format(Duration.ofMinutes(150)));
    assertEquals("1m30.5s", GoDuration.format(Duration.ofMillis(90_500)));
    assertEquals("45s", GoDuration.format(Duration.ofSeconds(45)));
    assertEquals("26h0m1s", GoDuration.format(Duration.ofHours(26).plusSeconds(1)));
    assertEquals("0s", GoDuration.format(Duration.ZERO));
    assertEquals("250ms", GoDuration.format(Duration.ofMillis(250)));
    assertEquals("1.5µs", GoDuration.format(Duration.ofNanos(1500)));
    assertEquals("7ns", GoDuration.format(Duration.ofNanos(7)));
    assertEquals("-5m0s", GoDuration.format(Duration.ofMinutes(-5)));
    assertNull(GoDuration.format(null));
  }
}
