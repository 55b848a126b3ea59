package ckpt.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** "Did you mean …?" by edit distance: the closest one to three candidates, or none when nothing is close. */
public final class Suggestions {
    private Suggestions() {
    }

    /**
     * @param typed      what the user wrote
     * @param candidates map from a spelling to compare against (full or short key) to what to suggest (full key)
     */
    public static List<String> closest(String typed, Map<String, String> candidates, int max) {
        String t = typed.trim().toLowerCase(Locale.ROOT);
        Map<String, Integer> best = new LinkedHashMap<>();
        for (Map.Entry<String, String> c : candidates.entrySet()) {
            String spelling = c.getKey().toLowerCase(Locale.ROOT);
            int d = distance(t, spelling);
            // A word contained in a key ("blocksize", "bloom") is a strong hint even when far in edit distance.
            if (t.length() >= 4 && spelling.contains(t)) {
                d = Math.min(d, 1 + (spelling.length() - t.length()) / 8);
            }
            best.merge(c.getValue(), d, Math::min);
        }
        int limit = Math.max(2, t.length() / 3);
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(best.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
        List<String> out = new ArrayList<>();
        if (sorted.isEmpty() || sorted.get(0).getValue() > limit) {
            return out;
        }
        int first = sorted.get(0).getValue();
        for (Map.Entry<String, Integer> e : sorted) {
            if (out.size() == max || e.getValue() > Math.min(limit, first + 2)) {
                break;
            }
            out.add(e.getKey());
        }
        return out;
    }

    /** "a", "a or b", "a, b or c". */
    public static String orList(Collection<String> items) {
        List<String> l = new ArrayList<>(items);
        if (l.size() <= 1) {
            return String.join("", l);
        }
        return String.join(", ", l.subList(0, l.size() - 1)) + " or " + l.get(l.size() - 1);
    }

    /** Levenshtein distance. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        return prev[b.length()];
    }
}
