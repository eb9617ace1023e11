// SPDX-License-Identifier: GPL-2.0
/*
 * kt-helper - what the guest tests need that busybox lacks.
 *
 *   kt-helper time CMD [ARG]...   run CMD, then print "elapsed_us=N status=S"
 *                                 (S: exit status, or 128+signal)
 *   kt-helper now                 print CLOCK_MONOTONIC in microseconds
 *
 * Built statically on the host and copied into the test initramfs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static int usage(void)
{
	fprintf(stderr, "usage: kt-helper time CMD [ARG]... | kt-helper now\n");
	return 2;
}

static int cmd_time(char **argv)
{
	long long start = now_us(), end;
	int status, code;
	pid_t pid;

	pid = fork();
	if (pid < 0) {
		perror("kt-helper: fork");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "kt-helper: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0) {
		perror("kt-helper: waitpid");
		return 1;
	}
	end = now_us();
	code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	printf("elapsed_us=%lld status=%d\n", end - start, code);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "time"))
		return cmd_time(argv + 2);
	if (argc == 2 && !strcmp(argv[1], "now")) {
		printf("%lld\n", now_us());
		return 0;
	}
	return usage();
}
