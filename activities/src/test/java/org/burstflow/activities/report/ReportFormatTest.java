package org.burstflow.activities.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportFormatTest {

  @ParameterizedTest
  @CsvSource({
    "0.425, 42.5 %",
    "0.42449, 42.4 %",
    "0.42451, 42.5 %",
    "1.0, 100.0 %",
    "1.5, 150.0 %",
    "0.0, 0.0 %",
    "0.00046, 0.0 %"
  })
  void percentHasOneDecimal(double fraction, String expected) {
    assertEquals(expected, ReportRenderer.percent(fraction));
  }

  @Test
  void unknownPercentIsNotAvailableNeverZero() {
    assertEquals("not available", ReportRenderer.percent(null));
    assertEquals("not available", ReportRenderer.percent(Double.NaN));
  }

  @Test
  void durationsReadLikeSlurm() {
    assertEquals("00:30:00", ReportFormat.duration(Duration.ofMinutes(30)));
    assertEquals("1-02:03:04", ReportFormat.duration(Duration.parse("PT26H3M4S")));
    assertEquals("00:00:01.234", ReportFormat.duration(Duration.ofMillis(1234)));
    assertEquals("00:19:30", ReportFormat.duration(Duration.ofMillis(1_170_876)));
  }

  @Test
  void bytesUseBinaryUnits() {
    assertEquals("512 B", ReportFormat.bytes(512L));
    assertEquals("1.9 GiB", ReportFormat.bytes(1947276L * 1024));
    assertEquals("187.3 GiB", ReportFormat.bytes(191846L << 20));
    assertEquals("1.0 TiB", ReportFormat.bytes(1L << 40));
  }

  @Test
  void moneyHasTheLedgerScaleAndACurrency() {
    assertEquals("12.3450 USD", ReportFormat.money(new BigDecimal("12.345")));
    assertEquals("0.0009 USD", ReportFormat.money(new BigDecimal("0.00085")));
    assertEquals("+0.1199 USD", ReportFormat.signedMoney(new BigDecimal("0.1199")));
    assertEquals("-0.4000 USD", ReportFormat.signedMoney(new BigDecimal("-0.4")));
    assertEquals("0.0312 USD/h", ReportFormat.hourlyPrice(new BigDecimal("0.0312")));
  }

  @Test
  void markdownEscapingNeutralisesInlineSyntax() {
    assertEquals("a\\_b \\*c\\* \\<d\\> \\[e\\] \\| \\& \\`f\\` \\\\", 
        ReportFormat.markdownText("a_b *c* <d> [e] | & `f` \\"));
    assertEquals("two lines", ReportFormat.markdownText("two\nlines"));
  }
}
