import ckpt.data.Transactions;
import java.nio.file.Path;
import java.util.Arrays;
import tech.tablesaw.api.Table;

/**
 * Times ckpt.data.Transactions.load inside one fresh JVM. Only loading into memory is timed, never the JVM
 * start or the compilation of this file:
 *   tablesaw_init_s  Tablesaw's one-time class set-up (Table's static init scans the classpath for readers);
 *                    any first Table in a JVM pays it, whatever made the table
 *   java_first_s     the first load after that: parser classes loading, JIT not warmed yet
 *   java_cold_s      the two together: what a first loadCsv in a fresh JVM costs
 *   java_best_s      best of N further loads (warm JIT)
 * With --tablesaw it also times Tablesaw's own reader, Table.read().csv(FILE), best of N, for comparison.
 *
 * Usage (bench/csv-vs-pandas.sh runs both):
 *   java -cp target/classes:$(cat target/classpath.txt) bench/CsvBench.java generate FILE ROWS ACCOUNTS SEED
 *   java -cp target/classes:$(cat target/classpath.txt) bench/CsvBench.java load FILE [REPEATS] [--tablesaw]
 */
public class CsvBench {
    public static void main(String[] args) {
        if (args.length >= 5 && args[0].equals("generate")) {
            long t = System.nanoTime();
            Transactions.generate(args[1], Long.parseLong(args[2]), Long.parseLong(args[3]), Long.parseLong(args[4]));
            System.out.printf("generate_s %.3f%n", seconds(t));
        } else if (args.length >= 2 && args[0].equals("load")) {
            int repeats = args.length > 2 && !args[2].startsWith("--") ? Integer.parseInt(args[2]) : 3;
            load(Path.of(args[1]), repeats, Arrays.asList(args).contains("--tablesaw"));
        } else {
            System.err.println("usage: CsvBench generate FILE ROWS ACCOUNTS SEED | load FILE [REPEATS] [--tablesaw]");
            System.exit(2);
        }
    }

    private static void load(Path file, int repeats, boolean tablesaw) {
        long t = System.nanoTime();
        Table.create("init");
        double init = seconds(t);

        t = System.nanoTime();
        Table first = Transactions.load(file);
        double firstLoad = seconds(t);

        double best = Double.MAX_VALUE;
        for (int i = 0; i < repeats; i++) {
            t = System.nanoTime();
            Table table = Transactions.load(file);
            best = Math.min(best, seconds(t));
            check(table.rowCount() == first.rowCount(), "row count changed between loads");
        }
        System.out.printf("java_rows %d%n", first.rowCount());
        System.out.printf("java_missing_amounts %d%n", Transactions.missingCount(first, "amount"));
        System.out.printf("tablesaw_init_s %.3f%n", init);
        System.out.printf("java_first_s %.3f%n", firstLoad);
        System.out.printf("java_cold_s %.3f%n", init + firstLoad);
        System.out.printf("java_best_s %.3f%n", best);

        if (tablesaw) {
            double tsBest = Double.MAX_VALUE;
            for (int i = 0; i < repeats; i++) {
                t = System.nanoTime();
                Table table = Table.read().csv(file.toString());
                tsBest = Math.min(tsBest, seconds(t));
                check(table.rowCount() == first.rowCount(), "Tablesaw's reader read " + table.rowCount() + " rows");
            }
            System.out.printf("tablesaw_reader_best_s %.3f%n", tsBest);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void check(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalStateException(problem);
        }
    }
}
