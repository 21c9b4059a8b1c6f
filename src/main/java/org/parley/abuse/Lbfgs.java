package org.parley.abuse;

import java.util.function.ToDoubleBiFunction;

/**
 * Limited-memory BFGS (Nocedal &amp; Wright, Numerical Optimization, algorithm 7.4/7.5) with a
 * backtracking Armijo line search, for smooth convex objectives such as L2-regularized logistic loss.
 * Deterministic: same objective and start, same result.
 */
final class Lbfgs {

    private final int memory;
    private final int maxIterations;
    private final double tolerance;

    Lbfgs(int memory, int maxIterations, double tolerance) {
        this.memory = memory;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    /**
     * Minimizes {@code f} starting from {@code x} (updated in place); {@code f} returns its value at its
     * first argument and writes its gradient into its second. Returns the iterations used.
     */
    int minimize(ToDoubleBiFunction<double[], double[]> f, double[] x) {
        int n = x.length;
        float[][] s = new float[memory][n];
        float[][] y = new float[memory][n];
        double[] rho = new double[memory];
        double[] alpha = new double[memory];
        double[] g = new double[n];
        double[] gNext = new double[n];
        double[] xNext = new double[n];
        double[] d = new double[n];
        double value = f.applyAsDouble(x, g);
        int stored = 0;
        int newest = -1;
        int calmIterations = 0;
        for (int iteration = 1; iteration <= maxIterations; iteration++) {
            // two-loop recursion: d = -H g
            for (int i = 0; i < n; i++) {
                d[i] = -g[i];
            }
            for (int k = 0; k < stored; k++) {
                int j = Math.floorMod(newest - k, memory);
                alpha[j] = rho[j] * dot(s[j], d);
                axpy(-alpha[j], y[j], d);
            }
            if (stored > 0) {
                double gamma = dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
                for (int i = 0; i < n; i++) {
                    d[i] *= gamma;
                }
            } else {
                double norm = Math.sqrt(dot(g, g));
                for (int i = 0; i < n; i++) {
                    d[i] /= Math.max(norm, 1e-12);
                }
            }
            for (int k = stored - 1; k >= 0; k--) {
                int j = Math.floorMod(newest - k, memory);
                double beta = rho[j] * dot(y[j], d);
                axpy(alpha[j] - beta, s[j], d);
            }
            double slope = 0;
            for (int i = 0; i < n; i++) {
                slope += g[i] * d[i];
            }
            if (slope >= 0) {
                return iteration;
            }
            double step = 1;
            double next;
            while (true) {
                for (int i = 0; i < n; i++) {
                    xNext[i] = x[i] + step * d[i];
                }
                next = f.applyAsDouble(xNext, gNext);
                if (next <= value + 1e-4 * step * slope || step < 1e-10) {
                    break;
                }
                step *= 0.5;
            }
            newest = (newest + 1) % memory;
            double sy = 0;
            for (int i = 0; i < n; i++) {
                s[newest][i] = (float) (xNext[i] - x[i]);
                y[newest][i] = (float) (gNext[i] - g[i]);
                sy += (double) s[newest][i] * y[newest][i];
            }
            if (sy > 1e-12) {
                rho[newest] = 1 / sy;
                stored = Math.min(stored + 1, memory);
            } else {
                newest = Math.floorMod(newest - 1, memory);
            }
            System.arraycopy(xNext, 0, x, 0, n);
            System.arraycopy(gNext, 0, g, 0, n);
            double improvement = (value - next) / Math.max(1, Math.abs(value));
            value = next;
            calmIterations = improvement < tolerance ? calmIterations + 1 : 0;
            if (calmIterations >= 3) {
                return iteration;
            }
        }
        return maxIterations;
    }

    private static double dot(float[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < b.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, float[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }
}
