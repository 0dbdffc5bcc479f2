package io.stowage.sim.report;

/** Text in HTML: every string taken from the model goes through {@link #escape}. */
final class Html
{
    private Html()
    {
    }

    /**
     * @param text any text, or null.
     * @return the text with &amp;, &lt;, &gt;, &quot; and &#39; escaped, fit for an element or a quoted attribute;
     * the empty string for null.
     */
    static String escape(final String text)
    {
        if (text == null)
        {
            return "";
        }
        final StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
