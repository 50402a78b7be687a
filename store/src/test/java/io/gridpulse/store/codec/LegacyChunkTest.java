package io.gridpulse.store.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Chunks written by earlier format versions still decode to the readings they were made from:
 * version 2 (before the finer range-coder contexts of version 3) and version 3. The chunks below
 * were produced by each version's encoder (forced to each body layout) from {@link #columns()}.
 */
class LegacyChunkTest {
    private static final String VERSION_2_RANGE_CODED = "AtgEA6TE59oJCra7AQGAreIEayuUssVljK5vfFsFoGvI+RT6CBaQhgx+3du/B4Cn+lONznh4HAZ/TPc2voM2NwjBcb+OG9wT+o1hfRogRi+XzvoKlziWimlYgg9Go5KI1DBCv52NIfRAEiJUhMzNYO9J98TTrcz/ipm2JvHyeiqyHPGPGYHzfGV2dg4fVnw3Yq8OVuN0zTdccRC86AihUVzLS8XVCAOPoIUH734AntX95D8qUQTtq3KpmlHKI0Kafnc91YIgw+kDGz1/XJQjvz0WGGxonWDXciEPnNoJnuY3twj0aMX9etbe5GL9B+o2pOakWvZtLF/n7HFoIucxxfCRILix3wsvn3+9SUhmHRAOjR6yH2pjCpaaJgL8A4QZoAq40Fqahf8HUSIGLlwG+kvWU4HujlSsP2BjoUdJCGsHTwo87n9hQGPQX7740tp34zZZAypy6GD0X+UyNSCajGIjUvOqA+UniFVdxBGMIEKxQDLFChuavaYhqOmyORuigkAWbRl3c0u/G5hAo7sP7eOa84LFupLn1VyiqB4pb9wDW721S0cIq53rNBeYAGB3Xkfraz5GazIPBYJ+hZRnudWbYqzPImkuMhxOrHgMZ6ZWT47b3zBp0yfEvn6ckkZ7IlldIDuPkOi/QwkchHW5/8f7JG7uxOZzxqfPulAaF3uynzpTKmtwWzUuTOIfk2pX5S9MLvirgKPBN6/1EWjYZyHnOITBPWGl/waaybjFao9GX+JkJmBoJ25kXFWYYYt0KVqIRhfNGyf1WNFcp+lRioo5A5l+TRcRil7PhUqhNGcKUCQM+ZjSGNNd9HPqApLDEfLZRhDOZSKGLsUT3QERub8zot165rCte0S0Wou2C2y17/k2783SwwC7u9c2OvBjWUYce2JYjqYNLySjVDT1icDG0lWTaSjylJbSHV3Qt4740Xwb0jL0Vrsh906x/3F5rLDod78EazbvnZzKv0ORsgIOPa8AfTj3Jj3XhDswkacWy85KWpwwUG8+9j+Ll/ZNhZ9KV7NgWkW2QJ8RpQw=";
    private static final String VERSION_2_PACKED = "AtgEB6TE59oJCra7AQGAreIEygYAAAAAAAAAAAAAAAAAErC0WCRJsiRJOkmSLEmSTpIkS5KkkyTJkiTpJEmyJEk6SZIsSZJOkiRLkqSTJMmSJOkkSbIkSTpJkixJkk6SJEuSpJMkyZIk6SRJsiRJOkmSLEmSTpIkS5KkkyTJkiTpJEmyJEk6SZIsSZJOkiRLkqSTJMmSJGllM9L0GgAAAAAAAAAAAAAAAEDHZEAKlgEAAAAAgCkRkYhz5+/O2/m9exaJiOTw+Xfn7XwvoIlIRBw7v52383P1LBGRyNnz387b+b9/JhIR6fx53s7buXmOiETk6Pmz83Y+188kIhKdP++8nbf3zhGJiJw8/++8nb/bZxGRiI6ff3bezrt3jkRE4uD5u/N2fi+fRSQiOn3+3Xk732vnREQizp3fztv5uXsWiYjk8Plv5+38X0ATkYg4dZ6383auniUiEjl7/uy8nU+yMQ4AAAAAAAAAAAAAAAAAJhiHb/iGr6qK/v3//38+n8/3+/39fr+np6fn5+fnt7e39/f395OTk7Ozs7PT09Pz8/Pzm5ubu7u7u9vb2/v7+/uJiYmZmZmZqampubm5ucnJydnZ2dnp6en5+fn5jY2NnZ2dna2trb29vb3Nzc3d3d3d7e3t/f39fQUFBQ0NDQ0VFRUdHR0dJSUlLS0tLTU1NT09PT1FRUVNTU1NVVVVXV1dXWVlZW1tbW11dXV9fX19BwcHDw8PDxcXFx8fHx8nJycvLy8vNzc3Pz8/P0dHR09PT09XV1dfX19fZ2dnb29vb3d3d39/f/8ECRJkyJAhQ4oUKXLkyJEjSZIkWbJkyZImTZo8efLkSZQoUaZMmTKlSpUqV65cuZIlS5YtW7Zs6dKly5cvX76ECRNmzJgxY8qUKXPmzJkzadKkWbNmzZo2bdq8efPmTZw4cebMmTOnTp06d+7cuZMnT549e/bs6dOnz58/f/4GDRp06NChQ4sWLXr06NGjSZMmXbp06dKmTZs+ffr0adSoUadOnTq1atWqV69evZo1a9atW7du7dq169evX7+GDRt27NixY8uWLXv27NmzadOmXbt27dq2bdu+ffv2bdy4cefOnTu3bt26d+/evZs3b969e/fu7du379+/f38CBAgwYMCAAQUKFDhw4MCBBAkSLFiwYEGDBg0ePHjwIEKECBMmTJhQoUKFCxcuXMiQIcOGDRs2dOjQ4cOHDx9ChAgxYsSIESVKlDhx4sSJFClSrFixYkWLFi1evHjxIkaMGDNmzJhRo0aNGzdu3MiRI8eOHTt29OjR48ePHz+CBAkyZMiQIUWKFDly5MiRJEmSLFmyZEmTJk2ePHnyJEqUKFOmTJlSpQoZDVJU";

    /** Made by the version-3 encoder (commit 6a9e957) from {@link #columns()}, forced to each layout. */
    private static final String VERSION_3_RANGE_CODED = "A9gEA6TE59oJCra7AQGAreIEaxZJ/KczeQH6YbLM8HYHezBCexliTHYX/MSb2I1dwG0+UTufjvgqTTE4ATmXI+M6/Ply1kOgIGuUxu2Bvqu1ccahNGy85hCw16HR7ITKH+h6QvbsRaoOmKETf9bPa64J4oYNYHw6JXILSrxXrq0tSmw7/ZLszFDbqqfjLJiiuryxAHQaDcCX3l1PcQIRDCnvKpciXMYq1UQ0ymdDz0p/SEKVW0NlonXJV3S4sB+VXgoIV3ia3Hexa/TPJ5wgMeVoqQ8+Sh4p3hea/dQD/LoICoJTgarhCgqaziYS3rUDxD3lAZ1gURmu0YXiXr42YWFs3VonNh/x7tosaBZN0PfjB9cKmuOTLbrX2XAEPJqgBjCtvnaQruTslQbb6okPkVFRPj7gBK6vXw5rRZ+t/KzWC/y1sXjlpMmpYkUYMKkuodfd7CFC/C2TmuJQxKPZ74dnelkzosQ/aePSoFn5mW8kPvW0sbNT+Bv+fksWAjOxq4Ps5muuzb5n0syrDnGeAIZi78WiOiZcDBqEpWBG2rFRYO2q1vvLVQfZlJCOfyOSAQiRVu8GIng8MQPb3mKMePY8d71QXa0NDubgnwOrtyqW+OCbluFzRjdEOP2gJI/0mH+C7j6FjMNG/i98rbw9bbJGLAbUNU/MZseIPJCKriiIEu6+mNeRIXYMzW6deJygcJCyazXVpcI9C1OWAkM0vGdubNzgO70Kl88kYRTBPzgGJlCpgd8ueMnc6N+vQVZRRM2wS7fCqlI4ME7pVkVv2qvtPNge5+WwnHC/9pBamGqOLSRcvicaRvCcRU0vN9BB66f21bxf6MuLcr5OhLWzzmZ2+035lxoTsRm3VN9CR0+YqQSnz4wlPKoFqj82tLp0XIP9S7QQ0OooXw1aX1mviEG52RT8k79Il2Og86BWjw==";
    private static final String VERSION_3_PACKED = "A9gEB6TE59oJCra7AQGAreIEygYAAAAAAAAAAAAAAAAAErC0WCRJsiRJOkmSLEmSTpIkS5KkkyTJkiTpJEmyJEk6SZIsSZJOkiRLkqSTJMmSJOkkSbIkSTpJkixJkk6SJEuSpJMkyZIk6SRJsiRJOkmSLEmSTpIkS5KkkyTJkiTpJEmyJEk6SZIsSZJOkiRLkqSTJMmSJGll84FpAAAAAAAAAAAAAAAAAB3PN2DJgOUbAAAAAAB4/kilUpFK987f5JLn7BmpSKVSkeXzM7nkO4CmUqlIpdK18yWXPEbPiFQqFansnl/JJZ/5M5WKVCoV58+/Sy6ZPP+pVCpSqaye38kl7/EzFalUKlLnz8kll73zn0pFKpXK5vmTXPKaPiOVSkUqdfz8SC65ufOfilQqFeni+Ztc8hw+I5WKVCp1+vxMLvmOnf9IpVKRSvfOl1zymD0jFalUKrJ8fiWXfAbQVCoVqVS6df5dcsnoGZFKpSKV3fM7ueSdbIwDAAAAAAAAAAAAAAAAgAnG4Ru+4auqon////+fz+fz/X5/v9/v6enp+fn5+e3t7f39/f3k5OTs7Ozs9PT0/Pz8/Obm5u7u7u729vb+/v5+YmJiZmZmZmpqam5ubm5ycnJ2dnZ2enp6fn5+fmNjY2dnZ2dra2tvb29vc3Nzd3d3d3t7e39/f19BQUFDQ0NDRUVFR0dHR0lJSUtLS0tNTU1PT09PUVFRU1NTU1VVVVdXV1dZWVlbW1tbXV1dX19f38HBwcPDw8PFxcXHx8fHycnJy8vLy83Nzc/Pz8/R0dHT09PT1dXV19fX19nZ2dvb29vd3d3f398/QYIEGTJkyJAiRYocOXLkSJIkSZYsWbKkSZMmT548eRIlSpQpU6ZMqVKlypUrV65kyZJly5YtW7p06fLly5cvYcKEGTNmzJgyZcqcOXPmTJo0adasWbOmTZs2b968eRMnTpw5c+bMqVOnzp07d+7kyZNnz549e/r06fPnz5+/QYMGHTp06NCiRYsePXr0aNKkSZcuXbq0adOmT58+fRo1atSpU6dOrVq16tWrV69mzZp169atW7t27fr169evYcOGHTt27NiyZcuePXv2bNq0adeuXbu2bdu2b9++fRs3bty5c+fOrVu37t27d+/mzZt37969e/v27fv379+fAAECDBgwYECBAgUOHDhwIEGCBAsWLFjQoEGDBw8ePIgQIcKECRMmVKhQ4cKFCxcyZMiwYcOGDR06dPjw4cOHECFCjBgxYkSJEiVOnDhxIkWKFCtWrFjRokWLFy9evIgRI8aMGTNm1KhR48aNGzdy5MixY8eOHT169Pjx48ePIEGCDBkyZEiRIkWOHDlyJEmSJEuWLFnSpEmTJ0+ePIkSJcqUKVOmVKkCTsPCDA==";

    @Test
    void version2RangeCodedChunkDecodes() {
        assertDecodesToColumns(VERSION_2_RANGE_CODED, 2);
    }

    @Test
    void version2PackedChunkDecodes() {
        assertDecodesToColumns(VERSION_2_PACKED, 2);
    }

    @Test
    void version3RangeCodedChunkDecodes() {
        assertDecodesToColumns(VERSION_3_RANGE_CODED, 3);
    }

    @Test
    void version3PackedChunkDecodes() {
        assertDecodesToColumns(VERSION_3_PACKED, 3);
    }

    @Test
    void theEncoderWritesVersion3AndItsRangeCoderBeatsVersion2OnAlternatingDeltas() {
        ChunkCodecRoundTripTest.Columns in = columns();
        byte[] chunk = ChunkCodec.encode(in.timestamps(), in.power(), in.energy(), in.timestamps().length, ChunkCodec.Mode.ADAPTIVE);
        assertThat(chunk[0]).isEqualTo((byte) 3);
        assertThat(chunk.length).isLessThan(Base64.getDecoder().decode(VERSION_2_RANGE_CODED).length);
        assertThat(ChunkCodec.decode(chunk).timestampsMs()).isEqualTo(in.timestamps());
    }

    private static void assertDecodesToColumns(String base64, int version) {
        byte[] chunk = Base64.getDecoder().decode(base64);
        assertThat(chunk[0]).isEqualTo((byte) version);
        ChunkCodecRoundTripTest.Columns in = columns();
        DecodedChunk out = ChunkCodec.decode(chunk);
        assertThat(out.timestampsMs()).isEqualTo(in.timestamps());
        assertThat(out.powerMilliwatts()).isEqualTo(in.power());
        assertThat(out.energyMilliwattHours()).isEqualTo(in.energy());
    }

    /** 600 readings: 3 s / 4 s alternating deltas with a 9 s one every 15, power switching on and off, a rising register. */
    static ChunkCodecRoundTripTest.Columns columns() {
        int n = 600;
        long[] ts = new long[n];
        long[] power = new long[n];
        long[] energy = new long[n];
        long t = 1_303_179_538_000L;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                t += i % 15 == 14 ? 9000 : i % 2 == 0 ? 3000 : 4000;
            }
            ts[i] = t;
            power[i] = (i / 20) % 2 == 0 ? 120_000 + ((i * 7) % 11 - 5) * 10 : (i % 9 == 0 ? 1_010 : 1_000);
            energy[i] = 5_000_000 + (long) i * i / 7;
        }
        return new ChunkCodecRoundTripTest.Columns(ts, power, energy);
    }
}
