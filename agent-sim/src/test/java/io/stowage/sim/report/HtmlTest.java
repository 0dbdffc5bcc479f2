package io.stowage.sim.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HtmlTest
{
    @Test
    void shouldEscapeTheCharactersThatMeanSomethingInHtml()
    {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;T&amp;C&lt;/a&gt;",
            Html.escape("<a href=\"x\" title='y'>T&C</a>"));
        assertEquals("plain \u00e9", Html.escape("plain \u00e9"));
        assertEquals("", Html.escape(null));
    }
}
