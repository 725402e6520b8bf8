package org.burstflow.activities.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WallTimeTest {

  @Test
  void readsAsbbAndSlurmForms() {
    assertEquals(Duration.ofMinutes(150), WallTime.parse("02:30"), "ASBB: two fields are hours and minutes");
    assertEquals(Duration.ofSeconds(9045), WallTime.parse("02:30:45"));
    assertEquals(Duration.ofHours(26), WallTime.parse("1-02:00:00"));
    assertEquals(Duration.ofMinutes(90), WallTime.parse("90"));
  }

  @Test
  void refusesWhatCannotBePriced() {
    assertThrows(IllegalArgumentException.class, () -> WallTime.parse("UNLIMITED"));
    assertThrows(IllegalArgumentException.class, () -> WallTime.parse(""));
    assertThrows(IllegalArgumentException.class, () -> WallTime.parse("soon"));
  }
}
