/* `fsqca run A.spec B.spec ...`: many whole analyses in one job.
 *
 * Each spec runs exactly as `fsqca run SPEC` with the same options (its own
 * output directory). Without MPI they run in order. Under mpirun with R
 * ranks, spec i runs on rank i mod R (a static interleave: analyses cost
 * alike for one study's variants; with very uneven specs, list the big ones
 * first); each rank captures its specs' standard output and error, and rank
 * 0 prints them in spec order, so the job's output equals one process's.
 * The exit status is the largest of the specs'. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/robust_out.h"
#include "cli/spec.h"
#include "common/buf.h"

#ifdef FSQCA_HAVE_MPI
#include <mpi.h>
#endif

static int many_active;

int fsq__cli_run_many_active(void) { return many_active; }

/* Runs one spec with stdout / stderr into out[0] / out[1]. */
static int run_captured(int argc, char **argv, fsq__buf out[2])
{
    FILE *tmp[2] = {tmpfile(), tmpfile()};
    int saved[2] = {-1, -1}, status;
    fflush(stdout);
    fflush(stderr);
    for (int k = 0; k < 2; k++)
        if (tmp[k] && (saved[k] = dup(k + 1)) >= 0)
            dup2(fileno(tmp[k]), k + 1);
    many_active = 1;
    status = fsq__cli_run(argc, argv);
    many_active = 0;
    fflush(stdout);
    fflush(stderr);
    for (int k = 0; k < 2; k++) {
        if (saved[k] >= 0) {
            dup2(saved[k], k + 1);
            close(saved[k]);
        }
        if (!tmp[k])
            continue;
        char buf[4096];
        size_t n;
        rewind(tmp[k]);
        while ((n = fread(buf, 1, sizeof buf, tmp[k])) > 0)
            fsq__buf_append(&out[k], buf, n);
        fclose(tmp[k]);
    }
    return status;
}

int fsq__cli_run_many(int argc, char **argv, int first)
{
    for (int i = 1; i < first; i++)
        if (strncmp(argv[i], "--output", 8) == 0)
            return fsq__cli_usage_error("run", "--output names one directory: with several "
                                        "specs each writes its spec's output");
    int nspecs = argc - first, rank = fsq__mpi_rank(), size = fsq__mpi_size(), worst = 0;
    char **sub = malloc((size_t)(first + 2) * sizeof *sub);
    if (!sub)
        return fsq__cli_fail("run", FSQ_ENOMEM);
    memcpy(sub, argv, (size_t)first * sizeof *sub);
    sub[first + 1] = NULL;
    for (int i = 0; i < nspecs; i++) {
        int mine = i % size == rank;
        if (!mine && rank != 0)
            continue;
        fsq__buf out[2] = {FSQ__BUF_INIT, FSQ__BUF_INIT};
        int status = 0;
        if (mine) {
            sub[first] = argv[first + i];
            if (size == 1) {
                many_active = 1;
                status = fsq__cli_run(first + 1, sub);
                many_active = 0;
            } else {
                status = run_captured(first + 1, sub, out);
            }
        }
#ifdef FSQCA_HAVE_MPI
        if (size > 1 && mine && rank != 0) {
            /* status, lengths, then the two texts, to rank 0. */
            unsigned long long head[3] = {(unsigned long long)status, out[0].len, out[1].len};
            MPI_Send(head, 3, MPI_UNSIGNED_LONG_LONG, 0, 10 + 0, MPI_COMM_WORLD);
            MPI_Send(out[0].data ? out[0].data : "", (int)out[0].len, MPI_CHAR, 0, 11, MPI_COMM_WORLD);
            MPI_Send(out[1].data ? out[1].data : "", (int)out[1].len, MPI_CHAR, 0, 12, MPI_COMM_WORLD);
        } else if (size > 1 && !mine) {
            unsigned long long head[3];
            int src = i % size;
            MPI_Recv(head, 3, MPI_UNSIGNED_LONG_LONG, src, 10, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            status = (int)head[0];
            for (int k = 0; k < 2; k++) {
                if (fsq__buf_reserve(&out[k], (size_t)head[1 + k] + 1)) {
                    status = FSQ_EXIT_ANALYSIS;
                    break;
                }
                MPI_Recv(out[k].data, (int)head[1 + k], MPI_CHAR, src, 11 + k, MPI_COMM_WORLD,
                         MPI_STATUS_IGNORE);
                out[k].len = (size_t)head[1 + k];
            }
        }
#endif
        if (rank == 0 && size > 1) {
            fwrite(out[0].data ? out[0].data : "", 1, out[0].len, stdout);
            fwrite(out[1].data ? out[1].data : "", 1, out[1].len, stderr);
            fflush(stdout);
            fflush(stderr);
        }
        if (status > worst)
            worst = status;
        fsq__buf_free(&out[0]);
        fsq__buf_free(&out[1]);
    }
    free(sub);
#ifdef FSQCA_HAVE_MPI
    if (size > 1) {
        int all = 0;
        MPI_Allreduce(&worst, &all, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
        worst = all;
    }
#endif
    return worst;
}
