package ckpt.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ckpt.error.CkptException;
import ckpt.model.CheckpointTable;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import tech.tablesaw.api.Table;

class ChartsTest {
    @TempDir
    Path dir;

    static Table stacked() {
        return CheckpointTable.completed(CheckpointTable.stack("all",
                List.of(Fixtures.full().checkpoints(), Fixtures.incremental().checkpoints())));
    }

    static Document parseXml(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void pngDecodesAtTheRequestedSize() throws Exception {
        Path p = Charts.saveChart(stacked(), "checkpoint_id", "checkpointed_bytes", dir.resolve("a/sizes.png").toString(), 640, 360);
        BufferedImage img = ImageIO.read(p.toFile());
        assertThat(img).isNotNull();
        assertThat(img.getWidth()).isEqualTo(640);
        assertThat(img.getHeight()).isEqualTo(360);
        Path d = Charts.saveChart(Tables.compare(Fixtures.full(), Fixtures.incremental()), "run", "p50_duration_ms",
                dir.resolve("bars.PNG").toString());
        BufferedImage bars = ImageIO.read(d.toFile());
        assertThat(bars.getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(bars.getHeight()).isEqualTo(Charts.HEIGHT);
    }

    @Test
    void svgFileParsesAsXmlWithOneSeriesPerRun() throws Exception {
        Path p = Charts.saveChart(stacked(), "checkpoint_id", "duration_ms", dir.resolve("d.svg").toString());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(p.toFile());
        assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("svg");
        String text = doc.getDocumentElement().getTextContent();
        assertThat(text).contains("full", "incremental", "duration_ms over checkpoint_id")
                // the ticks carry the unit ("1 s"); the axis label does not repeat a contradicting "(ms)"
                .doesNotContain("duration_ms (ms)").contains("1 s");
    }

    @Test
    void warmupCheckpointsAreShadedAndHollow() throws Exception {
        String svg = Charts.svg(stacked(), "checkpoint_id", "duration_ms");
        String text = parseXml(svg).getDocumentElement().getTextContent();
        assertThat(text).contains("warm-up (hollow points): compare leaves it out");
        // without a phase column there is nothing to mark
        Table plain = stacked().removeColumns("phase");
        assertThat(parseXml(Charts.svg(plain, "checkpoint_id", "duration_ms")).getDocumentElement().getTextContent())
                .doesNotContain("warm-up");
    }

    @Test
    void byteAxisTicksAreBinaryUnits() throws Exception {
        String svg = Charts.svg(stacked(), "checkpoint_id", "checkpointed_bytes");
        String text = parseXml(svg).getDocumentElement().getTextContent();
        assertThat(text).contains("MiB").contains("checkpointed_bytes").doesNotContain("(bytes)");
    }

    @Test
    void unsupportedExtensionFailsListingTheAllowedOnes() {
        assertThatThrownBy(() -> Charts.saveChart(stacked(), "checkpoint_id", "duration_ms", dir.resolve("x.jpg").toString()))
                .isInstanceOf(CkptException.class).hasMessageContaining(".png").hasMessageContaining(".svg")
                .hasMessageContaining("x.jpg");
        assertThatThrownBy(() -> Charts.saveChart(stacked(), "checkpoint_id", "duration_ms", dir.resolve("noext").toString()))
                .isInstanceOf(CkptException.class).hasMessageContaining("allowed extensions");
        assertThat(dir.resolve("x.jpg")).doesNotExist();
    }

    @Test
    void inlineSvgHasNoUrlParsesAndHasUniqueIds() throws Exception {
        String a = Charts.inlineSvg(stacked(), "checkpoint_id", "duration_ms");
        String b = Charts.inlineSvg(stacked(), "checkpoint_id", "duration_ms");
        assertThat(a).startsWith("<svg").doesNotContain("http://").doesNotContain("https://");
        parseXml(a);
        String idA = parseXml(a).getDocumentElement().getAttribute("id");
        String idB = parseXml(b).getDocumentElement().getAttribute("id");
        assertThat(idA).isNotBlank().isNotEqualTo(idB);
        assertThat(a).contains("viewBox");
    }

    @Test
    void showReturnsTextAndOffersSvgOnlyWhileCapturing() {
        Table t = stacked();
        String text = Charts.show(t, "checkpoint_id", "duration_ms", 80, false);
        assertThat(text).contains("duration_ms over checkpoint_id");
        assertThat(Capture.end()).isEmpty();
        Capture.begin();
        Charts.show(t, "checkpoint_id", "duration_ms", 80, false);
        Tables.show(Tables.compare(Fixtures.full()));
        List<Object> got = Capture.end();
        assertThat(got).hasSize(2);
        assertThat(got.get(0)).isInstanceOf(Capture.Svg.class);
        assertThat(((Capture.Svg) got.get(0)).markup()).startsWith("<svg");
        assertThat(got.get(1)).isInstanceOf(Table.class);
        assertThat(Capture.active()).isFalse();
    }

    @Test
    void captureIsPerThread() throws Exception {
        Capture.begin();
        Thread other = new Thread(() -> Capture.offer("elsewhere"));
        other.start();
        other.join();
        Capture.offer("here");
        assertThat(Capture.end()).containsExactly("here");
    }
}
