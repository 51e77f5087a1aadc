# Store Provisioning Platform: every command a developer or CI needs. `make help` lists them.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
export PATH := $(CURDIR)/.tools/bin:$(PATH)

NPX := npx --no-install

.PHONY: help
help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{ printf "  %-14s %s\n", $$1, $$2 }'

node_modules/.package-lock.json: package-lock.json
	@echo '[deps] npm ci'
	npm ci --no-audit --no-fund

.PHONY: deps
deps: node_modules/.package-lock.json ## install npm dependencies from the lockfile (when it changed)

.PHONY: tools
tools: ## build the pinned helm, kube-*, etcd, kwok, actionlint and rclone from Go modules (cached under ~/.cache)
	bash tools/build-tools.sh

.PHONY: platform-tools
platform-tools: ## only what the simulated platform runs (helm, kwok, etcd, the Kubernetes binaries): make up's share of make tools
	bash tools/build-tools.sh helm kwok etcd kubernetes

.PHONY: lint
lint: deps ## eslint over the whole repository
	@echo '[lint] eslint'
	$(NPX) eslint --max-warnings 0 .

.PHONY: lint-shell
lint-shell: ## shellcheck over every shell script (as bash: the laptop scripts also run under macOS's bash 3.2)
	@echo '[lint] shellcheck'
	shellcheck -x --shell=bash tools/*.sh scripts/*.sh images/*/*.sh .ci/run $$(find helm-charts -name '*.sh' -not -path '*/charts/store-engine/*')

.PHONY: lint-workflows
lint-workflows: tools ## actionlint over .github/workflows (with shellcheck over their run: scripts)
	@echo '[lint] actionlint'
	actionlint

.PHONY: format-check
format-check: deps ## prettier --check
	@echo '[format] prettier --check'
	$(NPX) prettier --check --log-level warn .

.PHONY: format
format: deps ## rewrite files with prettier
	$(NPX) prettier --write --log-level warn .

.PHONY: typecheck
typecheck: deps ## tsc --noEmit in every workspace
	@echo '[typecheck] tsc'
	npm run --silent typecheck

.PHONY: dashboard-build
dashboard-build: deps ## production build of the dashboard; prints its initial JavaScript size (budget 200 KB gzipped)
	@echo '[dashboard] vite build'
	npm run --silent build -w apps/dashboard

.PHONY: test-unit
test-unit: deps ## unit tests only (no cluster)
	$(NPX) vitest run --project unit

.PHONY: test
test: deps tools lint lint-shell lint-workflows format-check typecheck dashboard-build ## everything: lint, format, types, unit and integration tests
	@echo '[test] vitest: unit and integration (starts the local control plane)'
	$(NPX) vitest run

.PHONY: bench
bench: deps tools ## measure the platform's own cost (not in make test): tables, bench/results.json, docs/benchmarks.md
	$(NPX) tsx test/bench/src/bench.ts

.PHONY: cluster-up
cluster-up: deps tools ## start the local control plane in the background; prints export KUBECONFIG=...
	$(NPX) tsx test/cluster/src/cli.ts start

.PHONY: cluster-down
cluster-down: deps ## stop the control plane started by cluster-up
	$(NPX) tsx test/cluster/src/cli.ts stop

# up needs nothing first: scripts/up.sh chooses the mode, and only the simulated and host modes run npm ci,
# make tools and the dashboard's build (the kind mode needs Docker and make; the images build inside Docker).
.PHONY: up
up: ## the platform: kind cluster with Docker, else the kube context, else simulated on :8080 (scripts/up.sh)
	bash scripts/up.sh

.PHONY: down
down: ## remove what make up made (the kind cluster, or the install on the kube context)
	bash scripts/down.sh

.PHONY: images
images: ## build the images the charts run, tagged as they pull them (Docker; MEDUSA_ENABLED=true adds Medusa's)
	bash scripts/images.sh build

.PHONY: e2e
e2e: deps ## acceptance run on a real cluster after make up: browser buys in a new store (test/e2e/real-cluster/README.md)
	$(NPX) tsx test/e2e/real-cluster/real-cluster.ts

.PHONY: chaos
chaos: deps tools ## 50 stores while workers are SIGKILLed, PostgreSQL and the kube-apiserver restarted: every store Running or cleaned (test/bench/README.md)
	$(NPX) tsx test/bench/src/chaos-main.ts
