/**
 * Types of the Bilagsassistent API, generated from its OpenAPI document by openapi-typescript.
 * Do not edit: regenerate with `npm run api:client` (a test fails when this file is stale).
 */
export interface paths {
    "/api/allocations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stored allocation data (one entry per initiative that proposes money) */
        get: operations["listAllocations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/allocations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One initiative's allocation data */
        get: operations["getAllocation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/allocations/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The stored allocation data as a spreadsheet (amounts in kr.) */
        get: operations["exportAllocations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/allocations/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import an allocation spreadsheet (.xlsx or .csv): one row per line, one column per year */
        post: operations["importAllocations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ask": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer a reviewer's question from the corpus, every sentence quoted or cited; 'Det fremgår ikke af materialet' when it does not say */
        post: operations["askQuestion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The corpus audit: mistakes the documents hold of their own, sorted by severity */
        get: operations["auditCorpus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit trail of answers and drafts, oldest first: page with after=<last seq seen>; integrity reports torn or altered lines */
        get: operations["listAuditLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cards (one per grant; one per budget note), filtered; with q, ordered by relevance */
        get: operations["listCards"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/cards/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One card with its sections, figures, flags, spans and (budget notes) tables */
        get: operations["getCard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/chat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** One chat turn, streamed as server-sent events: conversation, delta…, citations / draft / validation, end (or error, then close) */
        post: operations["sendChatMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A stored chat conversation with its messages in order */
        get: operations["getConversation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The indexed documents with their counts */
        get: operations["listDocuments"];
        put?: never;
        /** Upload an annex or budget note (PDF, Word .docx or UTF-8 text, detected by content) into the index; ?stream=1 gives progress events */
        post: operations["uploadDocument"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/drafts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The drafts, newest first (latest version of each) */
        get: operations["listDrafts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/drafts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A draft (latest version, or ?version=N) with the list of its versions */
        get: operations["getDraft"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/drafts/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export a draft as Markdown or a Word document laid out like the department's card or budget note */
        get: operations["exportDraft"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/drafts/{id}/revisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revise a draft: your edited text (validated as written), an operation (shorter, longer, add_point, remove_point, plainer, formal), or new notes / decision (drafted again); each revision is a new version */
        post: operations["reviseDraft"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/drafts/assessment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Draft 'Faglig vurdering af videreførelse' for a grant; every figure validated against the allocation */
        post: operations["draftAssessment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/drafts/budget-note": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Draft a budget note: prose by the writer, tables and agreement text rendered from data */
        post: operations["draftBudgetNote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the service can answer queries */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/initiatives": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Initiatives: the same grant's cards across documents and years, linked by title, distinctive words, money and cross-references; with the links a reviewer should confirm */
        get: operations["listInitiatives"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/initiatives/{id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One initiative year by year: decision with its quoted sentence, and the grant and proposed money */
        get: operations["getInitiativeTimeline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/initiatives/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Admin: confirm that two cards of different documents are one initiative, or split them apart (kept in the data folder, survives re-ingest) */
        post: operations["setInitiativeLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Danish hybrid search (vector + full text, RRF) over the passages, best passage per card */
        post: operations["searchPassages"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is signed in: the access mode, and the bearer token's name and role */
        get: operations["getSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check every figure of a text against allocation data (given, or stored under initiativeId) */
        post: operations["validateText"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Error: {
            error: {
                code: string;
                details?: {
                    [key: string]: unknown;
                };
                message: string;
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listAllocations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Allocations */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allocations: {
                            allocation: {
                                cardId?: string;
                                initiative: string;
                                lines: {
                                    amounts: {
                                        [key: string]: number;
                                    };
                                    appropriation?: string;
                                    /** @enum {string} */
                                    area: "service" | "indsats" | "overførsler" | "anlæg";
                                    committee?: string;
                                    label?: string;
                                    recipient?: string;
                                }[];
                                priceLevel?: number;
                                source?: {
                                    documentId: string;
                                    end: number;
                                    quote: string;
                                    start: number;
                                };
                            };
                            id: string;
                        }[];
                    };
                };
            };
            /** @description No bearer token, or a token that is not known (token mode) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's role is below "caseworker" */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this token; wait Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request took longer than the request timeout and was stopped */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getAllocation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The allocation */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allocation: {
                            cardId?: string;
                            initiative: string;
                            lines: {
                                amounts: {
                                    [key: string]: number;
                                };
                                appropriation?: string;
                                /** @enum {string} */
                                area: "service" | "indsats" | "overførsler" | "anlæg";
                                committee?: string;
                                label?: string;
                                recipient?: string;
                            }[];
                            priceLevel?: number;
                            source?: {
                                documentId: string;
                                end: number;
                                quote: string;
                                start: number;
                            };
                        };
                        id: string;
                    };
                };
            };
            /** @description No bearer token, or a token that is not known (token mode) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's role is below "caseworker" */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this token; wait Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request took longer than the request timeout and was stopped */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportAllocations: {
        parameters: {
            query?: {
                format?: "xlsx" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The spreadsheet file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Unknown format */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No bearer token, or a token that is not known (token mode) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's role is below "caseworker" */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this token; wait Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request took longer than the request timeout and was stopped */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    importAllocations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/octet-stream": string;
                "multipart/form-data": {
                    /** @description the file (binary) */
                    file: string;
                };
            };
        };
        responses: {
            /** @description Ids imported and unchanged */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        errors: unknown[];
                        imported: string[];
                        unchanged: string[];
                    };
                };
            };
            /** @description The file cannot be read, names no card, or a cell is wrong (the message names file, page or cell) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No bearer token, or a token that is not known (token mode) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's role is below "admin" */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The file is larger than MAX_DOCUMENT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this token; wait Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request took longer than the request timeout and was stopped */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    askQuestion: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    question: string;
                    year?: number;
                };
            };
        };
        responses: {
            /** @description The answer with its citations */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        answer: string;
                        citations: {
                            cardId: string;
                            documentId: string;
                            documentTitle: string;
                            end: number;
                            fact?: string;
                            id: number;
                            page?: number;
                            quote: string;
                            /** @enum {string} */
                            section: "content" | "results" | "expiring_money" | "assessment" | "proposed_money" | "grant" | "background" | "expected_effect" | "economy" | "risk" | "technical" | "other_technical" | "previous_funding" | "agreement_text" | "other";
                            start: number;
                            title: string;
                            year: number;
                        }[];
                        /** @enum {string} */
                        decision?: "uændret" | "med_justeringer" | "ophører" | "betinget" | "afventer" | "ukendt";
                        modelCalls?: {
                            error?: string;
                            firstTokenMs?: number;
                            id: string;
                            inputTokens?: number;
                            latencyMs: number;
                            model: string;
                            /** @enum {string} */
                            operation: "object" | "text" | "tools";
                            outputTokens?: number;
                            prompt?: string;
                            provider: string;
                            retries: number;
                            route?: string;
                            startedAt: string;
                            /** @enum {string} */
                            validation: "passed" | "failed";
                        }[];
                        notFound: boolean;
                        warnings: string[];
                        year?: number;
                    };
                };
            };
            /** @description Bad request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No bearer token, or a token that is not known (token mode) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's role is below "reader" */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than this route accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this token; wait Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request took longer than the request timeout and was stopped */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    auditCorpus: {
        parameters: {
            query?: {
                documentId?: string;
                kind?: "annex" | "budget_note";
                severity?: "error" | "warning" | "info";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Findings */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        findings: {
                            cardId?: string;
                            cardTitle?: string;
                            /** @enum {string} */
                            code: "amount_mismatch" | "unit_error" | "period_mismatch" | "basis_confusion" | "area_mismatch" | "price_level_mismatch" | "recipient_mismatch" | "parts_do_not_add_up" | "unmatched_figure" | "line_not_mentioned" | "period_before_budget_year" | "decision_conflict" | "table_row_total" | "table_column_total" | "table_split_mismatch" | "agreement_text_mismatch" | "cross_reference" | "copied_passage" | "header_body_mismatch" | "text_too_long" | "ambiguous_basis" | "figure_normalised" | "contradictory_count" | "missing_allocation" | "unsourced_sentence" | "suspect_word";
                            documentId: string;
                            documentTitle: string;
                            end: number;
                            expected?: string;
                            found?: string;
                            message: string;
                            quote: string;
                            /** @enum {string} */
                            severity: "error" | "warning" | "info";
                            start: number;
                        }[];
                        summary: {
                            byCode: {
                                [key: string]: number;
                            };
                            bySeverity: {
                                [key: string]: number;
                            };
                            total: number;
                        };
                    };
                };
            };
            /** @description Bad query */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No bearer token, or a token that is not known (token mode) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's role is below "admin" */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this token; wait Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request took longer than the request timeout and was stopped */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listAuditLog: {
        parameters: {
            query?: {
                after?: number | null;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Entries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        entries: {
                            actor: {
                                name: string;
                                /** @enum {string} */
                                role: "reader" | "caseworker" | "admin";
                            };
                            at: string;
                            citationIds?: string[];
                            draft?: {
                                id: string;
                                status: string;
                                version: number;
                            };
                            durationMs: number;
                            error?: string;
                            hash?: string;
                            input?: unknown;
                            inputTruncated?: boolean;
                            method: string;
                            model?: string;
                            modelCalls?: {
                                calls: number;
                                failed: number;
                                inputTokens: number;
                                latencyMs: number;
                                outputTokens: number;
                                prompts: string[];
                                retries: number;
                            };
                            prev?: string;
                            prompt?: string;
                            retrievedIds?: string[];
                            route: string;
                            seq: number;
                            status: number;
                            stream?: {
                                events: number;
                                lastEvent?: string;
                                /** @enum {string} */
                                outcome: "completed" | "aborted" | "failed";
                            };
                            validation?: {
                                codes: string[];
                                errors: number;
                                ok: boolean;
                                warnings: number;
                            };
                        }[];
                        integrity: {
                            ok: boolean;
                            problems: {
                                kind: string;
                                line: number;
                                message: string;
                            }[];
                        };
                        lastSeq: number;
                        next: number | null;
                    };
                };
            };
            /** @description Bad query */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No bearer token, or a token that is not known (token mode) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's role is below "admin" */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this token; wait Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request took longer than the request timeout and was stopped */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listCards: {
        parameters: {
            query?: {
                decision?: "uændret" | "med_justeringer" | "ophører" | "betinget" | "afventer" | "ukendt";
                kind?: "annex" | "budget_note";
                q?: string;
                year?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cards */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        cards: {
                            /** @enum {string} */
                            decision: "uændret" | "med_justeringer" | "ophører" | "betinget" | "afventer" | "ukendt";
                            documentId: string;
                            documentTitle: string;
                            figureCount: number;
                            flags: string[];
                            id: string;
                            /** @enum {string} */
                            kind: "annex" | "budget_note";
                            number: number | null;
                            score?: number;
                            title: string;
                            year: number;
                        }[];
                    };
                };
            };
            /** @description Bad request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No bearer token, or a token that is not known (token mode) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's role is below "reader" */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this token; wait Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request took longer than the request timeout and was stopped */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getCard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The card */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        card: {
                            /** @enum {string} */
                            decision: "uændret" | "med_justeringer" | "ophører" | "betinget" | "afventer" | "ukendt";
                            documentId: string;
                            figures: {
                                amount?: {
                                    max: number;
                                    min: number;
                                };
                                /** @enum {string} */
                                area?: "service" | "indsats" | "overførsler" | "anlæg";
                                /** @enum {string} */
                                basis?: "per_year" | "total" | "unspecified";
                                decimals?: number;
                                inherited?: ("area" | "recipient" | "priceLevel" | "years" | "basis")[];
                                /** @enum {string} */
                                kind: "money" | "count" | "percent" | "date" | "reference" | "other" | "unit_header" | "price_level" | "heading";
                                normalised?: boolean;
                                partOf?: number;
                                priceLevel?: number | "løbende";
                                recipient?: string;
                                sentence: {
                                    span: {
                                        end: number;
                                        start: number;
                                    };
                                    text: string;
                                };
                                span: {
                                    end: number;
                                    start: number;
                                };
                                text: string;
                                /** @enum {string} */
                                unit?: "kr." | "1.000 kr." | "mio. kr." | "mia. kr.";
                                value?: number;
                                years: number[];
                            }[];
                            flags: ("title_derived" | "number_inferred" | "number_ocr_repaired" | "two_column" | "table_row" | "ocr_repaired" | "bold_heading_only")[];
                            group?: string;
                            id: string;
                            number?: number;
                            ordinal: number;
                            "pejlem\u00E6rke"?: string;
                            sections: {
                                /** @enum {string} */
                                half?: "udløb" | "vurdering";
                                heading: string;
                                /** @enum {string} */
                                kind: "content" | "results" | "expiring_money" | "assessment" | "proposed_money" | "grant" | "background" | "expected_effect" | "economy" | "risk" | "technical" | "other_technical" | "previous_funding" | "agreement_text" | "other";
                                offsets: [
                                    number,
                                    number
                                ][];
                                span: {
                                    end: number;
                                    start: number;
                                };
                                text: string;
                            }[];
                            span: {
                                end: number;
                                start: number;
                            };
                            title: string;
                        };
                        document: {
                            budgetYear: number;
                            /** @example e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 */
                            contentHash: string;
                            id: string;
                            /** @enum {string} */
                            kind: "annex" | "budget_note";
                            layout: string;
                            pages?: {
                                end: number;
                                number: number;
                                start: number;
                            }[];
                            source: string;
                            title: string;
                            year: number;
                        };
                        tables: {
                            cardId: string;
                            continuation: boolean;
                            id: string;
                            /** @enum {string} */
                            kind: "economy" | "technical" | "effect" | "other";
                            priceLevel?: number | "løbende";
                            rows: {
                                appropriation?: string;
                                /** @enum {string} */
                                area?: "service" | "indsats" | "overførsler" | "anlæg";
                                committee?: string;
                                /** @enum {string} */
                                direction?: "U" | "I";
                                isTotal: boolean;
                                label: string;
                                span: {
                                    end: number;
                                    start: number;
                                };
                                statedTotal?: number;
                                values: {
                                    [key: string]: number | null;
                                };
                            }[];
                            span: {
                                end: number;
                                start: number;
                            };
                            title: string;
                            /** @enum {string} */
                            unit: "kr." | "1.000 kr." | "mio. kr." | "mia. kr.";
                            years: number[];
                        }[];
                    };
                };
            };
            /** @description No bearer token, or a token that is not known (token mode) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's role is below "reader" */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this token; wait Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request took longer than the request timeout and was stopped */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    sendChatMessage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    conversationId?: string;
                    draftId?: string;
                    message: string;
                };
            };
        };
        responses: {
            /** @description text/event-stream of the turn; each frame's event and data as in x-sse-events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": {
                        data: {
                            conversationId: string;
                        };
                        /** @enum {string} */
                        event: "conversation";
                    } | {
                        data: {
                            text: string;
                        };
                        /** @enum {string} */
                        event: "delta";
                    } | {
                        data: {
                            citations: number[];
                            index: number;
                            ok: boolean;
                            /** @enum {string} */
                            reason?: "no_citation" | "unknown_citation" | "unverified_figure";
                            text: string;
                        };
                        /** @enum {string} */
                        event: "sentence";
                    } | {
                        data: {
                            text: string;
                        };
                        /** @enum {string} */
                        event: "final";
                    } | {
                        data: {
                            citations: {
                                cardId: string;
                                documentTitle: string;
                                end: number;
                                fact?: string;
                                page?: number;
                                quote: string;
                                section: string;
                                start: number;
                                title: string;
                                year: number;
                            }[];
                        };
                        /** @enum {string} */
                        event: "citations";
                    } | {
                        data: {
                            draft: {
                                allocation?: {
                                    cardId?: string;
                                    initiative: string;
                                    lines: {
                                        amounts: {
                                            [key: string]: number;
                                        };
                                        appropriation?: string;
                                        /** @enum {string} */
                                        area: "service" | "indsats" | "overførsler" | "anlæg";
                                        committee?: string;
                                        label?: string;
                                        recipient?: string;
                                    }[];
                                    priceLevel?: number;
                                    source?: {
                                        documentId: string;
                                        end: number;
                                        quote: string;
                                        start: number;
                                    };
                                };
                                allocationProposal?: {
                                    allocation: {
                                        cardId?: string;
                                        initiative: string;
                                        lines: {
                                            amounts: {
                                                [key: string]: number;
                                            };
                                            appropriation?: string;
                                            /** @enum {string} */
                                            area: "service" | "indsats" | "overførsler" | "anlæg";
                                            committee?: string;
                                            label?: string;
                                            recipient?: string;
                                        }[];
                                        priceLevel?: number;
                                        source?: {
                                            documentId: string;
                                            end: number;
                                            quote: string;
                                            start: number;
                                        };
                                    };
                                    notes: string[];
                                };
                                attempts: number;
                                author: string;
                                createdAt: string;
                                /** @enum {string} */
                                decision?: "uændret" | "med_justeringer" | "ophører" | "betinget" | "afventer" | "ukendt";
                                id: string;
                                input: {
                                    [key: string]: unknown;
                                };
                                /** @enum {string} */
                                kind: "assessment" | "budget_note";
                                model: string;
                                modelCalls?: {
                                    error?: string;
                                    firstTokenMs?: number;
                                    id: string;
                                    inputTokens?: number;
                                    latencyMs: number;
                                    model: string;
                                    /** @enum {string} */
                                    operation: "object" | "text" | "tools";
                                    outputTokens?: number;
                                    prompt?: string;
                                    provider: string;
                                    retries: number;
                                    route?: string;
                                    startedAt: string;
                                    /** @enum {string} */
                                    validation: "passed" | "failed";
                                }[];
                                prompt: {
                                    id: string;
                                    version: string;
                                };
                                sections: {
                                    fromData: boolean;
                                    heading: string;
                                    key: string;
                                    sentences?: {
                                        end: number;
                                        sources: string[];
                                        start: number;
                                        suspect?: string[];
                                    }[];
                                    start: number;
                                    table?: string[][];
                                    text: string;
                                }[];
                                sources: {
                                    cardId: string;
                                    documentTitle: string;
                                    end: number;
                                    fact?: string;
                                    page?: number;
                                    quote: string;
                                    /** @enum {string} */
                                    reason: "same_initiative" | "same_decision" | "budget_note_example";
                                    section: string;
                                    start: number;
                                    title: string;
                                    year: number;
                                }[];
                                /** @enum {string} */
                                status: "clean" | "flagged";
                                text: string;
                                title: string;
                                validation: {
                                    figures: {
                                        amount?: {
                                            max: number;
                                            min: number;
                                        };
                                        /** @enum {string} */
                                        area?: "service" | "indsats" | "overførsler" | "anlæg";
                                        /** @enum {string} */
                                        basis?: "per_year" | "total" | "unspecified";
                                        decimals?: number;
                                        end: number;
                                        /** @enum {string} */
                                        kind: "money" | "count" | "percent" | "date" | "reference" | "other" | "unit_header" | "price_level" | "heading";
                                        matchedLine?: number;
                                        normalised?: boolean;
                                        priceLevel?: number | "løbende";
                                        reason?: string;
                                        recipient?: string;
                                        start: number;
                                        /** @enum {string} */
                                        status: "ok" | "error" | "warning";
                                        text: string;
                                        /** @enum {string} */
                                        unit?: "kr." | "1.000 kr." | "mio. kr." | "mia. kr.";
                                        years: number[];
                                    }[];
                                    issues: {
                                        /** @enum {string} */
                                        code: "amount_mismatch" | "unit_error" | "period_mismatch" | "basis_confusion" | "area_mismatch" | "price_level_mismatch" | "recipient_mismatch" | "parts_do_not_add_up" | "unmatched_figure" | "line_not_mentioned" | "period_before_budget_year" | "decision_conflict" | "table_row_total" | "table_column_total" | "table_split_mismatch" | "agreement_text_mismatch" | "cross_reference" | "copied_passage" | "header_body_mismatch" | "text_too_long" | "ambiguous_basis" | "figure_normalised" | "contradictory_count" | "missing_allocation" | "unsourced_sentence" | "suspect_word";
                                        end: number;
                                        expected?: string;
                                        found?: string;
                                        message: string;
                                        /** @enum {string} */
                                        severity: "error" | "warning" | "info";
                                        start: number;
                                    }[];
                                    ok: boolean;
                                };
                                version: number;
                            };
                        };
                        /** @enum {string} */
                        event: "draft";
                    } | {
                        data: {
                            initiativeId: string;
                            result: {
                                figures: {
                                    amount?: {
                                        max: number;
                                        min: number;
                                    };
                                    /** @enum {string} */
                                    area?: "service" | "indsats" | "overførsler" | "anlæg";
                                    /** @enum {string} */
                                    basis?: "per_year" | "total" | "unspecified";
                                    decimals?: number;
                                    end: number;
                                    /** @enum {string} */
                                    kind: "money" | "count" | "percent" | "date" | "reference" | "other" | "unit_header" | "price_level" | "heading";
                                    matchedLine?: number;
                                    normalised?: boolean;
                                    priceLevel?: number | "løbende";
                                    reason?: string;
                                    recipient?: string;
                                    start: number;
                                    /** @enum {string} */
                                    status: "ok" | "error" | "warning";
                                    text: string;
                                    /** @enum {string} */
                                    unit?: "kr." | "1.000 kr." | "mio. kr." | "mia. kr.";
                                    years: number[];
                                }[];
                                issues: {
                                    /** @enum {string} */
                                    code: "amount_mismatch" | "unit_error" | "period_mismatch" | "basis_confusion" | "area_mismatch" | "price_level_mismatch" | "recipient_mismatch" | "parts_do_not_add_up" | "unmatched_figure" | "line_not_mentioned" | "period_before_budget_year" | "decision_conflict" | "table_row_total" | "table_column_total" | "table_split_mismatch" | "agreement_text_mismatch" | "cross_reference" | "copied_passage" | "header_body_mismatch" | "text_too_long" | "ambiguous_basis" | "figure_normalised" | "contradictory_count" | "missing_allocation" | "unsourced_sentence" | "suspect_word";
                                    end: number;
                                    expected?: string;
                                    found?: string;
                                    message: string;
                                    /** @enum {string} */
                                    severity: "error" | "warning" | "info";
                                    start: number;
                                }[];
                                ok: boolean;
                            };
                            text: string;
                        };
                        /** @enum {string} */
                        event: "validation";
                    } | {
                        data: {
                            messageId: string;
                        };
                        /** @enum {string} */
                        event: "end";
                    } | {
                        data: {
                            code: string;
                            message: string;
                        };
                        /** @enum {string} */
                        event: "error";
                    };
                };
            };
            /** @description Bad request (empty or too long message) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No bearer token, or a token that is not known (token mode) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's role is below "caseworker" */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown conversation */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than this route accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this token; wait Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request took longer than the request timeout and was stopped */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getConversation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The conversation */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        messages: {
                            citations?: {
                                cardId: string;
                                documentTitle: string;
                                end: number;
                                fact?: string;
                                page?: number;
                                quote: string;
                                section: string;
                                start: number;
                                title: string;
                                year: number;
                            }[];
                            createdAt: string;
                            draftId?: string;
                            id: string;
                            /** @enum {string} */
                            role: "user" | "assistant";
                            text: string;
                            validation?: {
                                initiativeId: string;
                                result: {
                                    figures: {
                                        amount?: {
                                            max: number;
                                            min: number;
                                        };
                                        /** @enum {string} */
                                        area?: "service" | "indsats" | "overførsler" | "anlæg";
                                        /** @enum {string} */
                                        basis?: "per_year" | "total" | "unspecified";
                                        decimals?: number;
                                        end: number;
                                        /** @enum {string} */
                                        kind: "money" | "count" | "percent" | "date" | "reference" | "other" | "unit_header" | "price_level" | "heading";
                                        matchedLine?: number;
                                        normalised?: boolean;
                                        priceLevel?: number | "løbende";
                                        reason?: string;
                                        recipient?: string;
                                        start: number;
                                        /** @enum {string} */
                                        status: "ok" | "error" | "warning";
                                        text: string;
                                        /** @enum {string} */
                                        unit?: "kr." | "1.000 kr." | "mio. kr." | "mia. kr.";
                                        years: number[];
                                    }[];
                                    issues: {
                                        /** @enum {string} */
                                        code: "amount_mismatch" | "unit_error" | "period_mismatch" | "basis_confusion" | "area_mismatch" | "price_level_mismatch" | "recipient_mismatch" | "parts_do_not_add_up" | "unmatched_figure" | "line_not_mentioned" | "period_before_budget_year" | "decision_conflict" | "table_row_total" | "table_column_total" | "table_split_mismatch" | "agreement_text_mismatch" | "cross_reference" | "copied_passage" | "header_body_mismatch" | "text_too_long" | "ambiguous_basis" | "figure_normalised" | "contradictory_count" | "missing_allocation" | "unsourced_sentence" | "suspect_word";
                                        end: number;
                                        expected?: string;
                                        found?: string;
                                        message: string;
                                        /** @enum {string} */
                                        severity: "error" | "warning" | "info";
                                        start: number;
                                    }[];
                                    ok: boolean;
                                };
                                text: string;
                            };
                        }[];
                    };
                };
            };
            /** @description No bearer token, or a token that is not known (token mode) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's role is below "reader" */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown conversation */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this token; wait Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request took longer than the request timeout and was stopped */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDocuments: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Documents */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        documents: {
                            budgetYear: number;
                            cardCount: number;
                            /** @example e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 */
                            contentHash: string;
                            embedder: string;
                            figureCount: number;
                            id: string;
                            ingestedAt: string;
                            /** @enum {string} */
                            kind: "annex" | "budget_note";
                            layout: string;
                            pages?: {
                                end: number;
                                number: number;
                                start: number;
                            }[];
                            source: string;
                            tableCount: number;
                            title: string;
                            year: number;
                        }[];
                    };
                };
            };
            /** @description No bearer token, or a token that is not known (token mode) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's role is below "reader" */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this token; wait Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request took longer than the request timeout and was stopped */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    uploadDocument: {
        parameters: {
            query?: {
                budgetYear?: number;
                confirm?: "0" | "1" | "true" | "false";
                id?: string;
                kind?: "annex" | "budget_note";
                name?: string;
                replace?: "0" | "1" | "true" | "false";
                stream?: "0" | "1" | "true" | "false";
                title?: string;
                year?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/octet-stream": string;
                "multipart/form-data": {
                    /** @description the file (binary) */
                    file: string;
                };
            };
        };
        responses: {
            /** @description The ingest summary (status added, replaced or unchanged), the format, page spans and warnings; with ?stream=1 an event stream: progress {stage, done, total} … done {summary} or error */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        format?: string;
                        pages?: {
                            end: number;
                            number: number;
                            start: number;
                        }[];
                        summary: {
                            [key: string]: unknown;
                        };
                        warnings: string[];
                    };
                    "text/event-stream": {
                        data: {
                            done: number;
                            /** @enum {string} */
                            stage: "received" | "extract" | "ocr" | "index" | "done";
                            total: number;
                        };
                        /** @enum {string} */
                        event: "progress";
                    } | {
                        data: {
                            format?: string;
                            pages?: {
                                end: number;
                                number: number;
                                start: number;
                            }[];
                            summary: {
                                [key: string]: unknown;
                            };
                            warnings: string[];
                        };
                        /** @enum {string} */
                        event: "done";
                    } | {
                        data: {
                            error: {
                                code: string;
                                details?: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                        /** @enum {string} */
                        event: "error";
                    };
                };
            };
            /** @description The file cannot be read, names no card, or a cell is wrong (the message names file, page or cell) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No bearer token, or a token that is not known (token mode) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's role is below "admin" */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The file is larger than MAX_DOCUMENT_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this token; wait Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request took longer than the request timeout and was stopped */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listDrafts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Drafts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        drafts: {
                            author: string;
                            createdAt: string;
                            id: string;
                            /** @enum {string} */
                            kind: "assessment" | "budget_note";
                            model: string;
                            /** @enum {string} */
                            status: "clean" | "flagged";
                            title: string;
                            version: number;
                        }[];
                    };
                };
            };
            /** @description No bearer token, or a token that is not known (token mode) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's role is below "caseworker" */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this token; wait Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request took longer than the request timeout and was stopped */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getDraft: {
        parameters: {
            query?: {
                version?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The draft */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        draft: {
                            allocation?: {
                                cardId?: string;
                                initiative: string;
                                lines: {
                                    amounts: {
                                        [key: string]: number;
                                    };
                                    appropriation?: string;
                                    /** @enum {string} */
                                    area: "service" | "indsats" | "overførsler" | "anlæg";
                                    committee?: string;
                                    label?: string;
                                    recipient?: string;
                                }[];
                                priceLevel?: number;
                                source?: {
                                    documentId: string;
                                    end: number;
                                    quote: string;
                                    start: number;
                                };
                            };
                            allocationProposal?: {
                                allocation: {
                                    cardId?: string;
                                    initiative: string;
                                    lines: {
                                        amounts: {
                                            [key: string]: number;
                                        };
                                        appropriation?: string;
                                        /** @enum {string} */
                                        area: "service" | "indsats" | "overførsler" | "anlæg";
                                        committee?: string;
                                        label?: string;
                                        recipient?: string;
                                    }[];
                                    priceLevel?: number;
                                    source?: {
                                        documentId: string;
                                        end: number;
                                        quote: string;
                                        start: number;
                                    };
                                };
                                notes: string[];
                            };
                            attempts: number;
                            author: string;
                            createdAt: string;
                            /** @enum {string} */
                            decision?: "uændret" | "med_justeringer" | "ophører" | "betinget" | "afventer" | "ukendt";
                            id: string;
                            input: {
                                [key: string]: unknown;
                            };
                            /** @enum {string} */
                            kind: "assessment" | "budget_note";
                            model: string;
                            modelCalls?: {
                                error?: string;
                                firstTokenMs?: number;
                                id: string;
                                inputTokens?: number;
                                latencyMs: number;
                                model: string;
                                /** @enum {string} */
                                operation: "object" | "text" | "tools";
                                outputTokens?: number;
                                prompt?: string;
                                provider: string;
                                retries: number;
                                route?: string;
                                startedAt: string;
                                /** @enum {string} */
                                validation: "passed" | "failed";
                            }[];
                            prompt: {
                                id: string;
                                version: string;
                            };
                            sections: {
                                fromData: boolean;
                                heading: string;
                                key: string;
                                sentences?: {
                                    end: number;
                                    sources: string[];
                                    start: number;
                                    suspect?: string[];
                                }[];
                                start: number;
                                table?: string[][];
                                text: string;
                            }[];
                            sources: {
                                cardId: string;
                                documentTitle: string;
                                end: number;
                                fact?: string;
                                page?: number;
                                quote: string;
                                /** @enum {string} */
                                reason: "same_initiative" | "same_decision" | "budget_note_example";
                                section: string;
                                start: number;
                                title: string;
                                year: number;
                            }[];
                            /** @enum {string} */
                            status: "clean" | "flagged";
                            text: string;
                            title: string;
                            validation: {
                                figures: {
                                    amount?: {
                                        max: number;
                                        min: number;
                                    };
                                    /** @enum {string} */
                                    area?: "service" | "indsats" | "overførsler" | "anlæg";
                                    /** @enum {string} */
                                    basis?: "per_year" | "total" | "unspecified";
                                    decimals?: number;
                                    end: number;
                                    /** @enum {string} */
                                    kind: "money" | "count" | "percent" | "date" | "reference" | "other" | "unit_header" | "price_level" | "heading";
                                    matchedLine?: number;
                                    normalised?: boolean;
                                    priceLevel?: number | "løbende";
                                    reason?: string;
                                    recipient?: string;
                                    start: number;
                                    /** @enum {string} */
                                    status: "ok" | "error" | "warning";
                                    text: string;
                                    /** @enum {string} */
                                    unit?: "kr." | "1.000 kr." | "mio. kr." | "mia. kr.";
                                    years: number[];
                                }[];
                                issues: {
                                    /** @enum {string} */
                                    code: "amount_mismatch" | "unit_error" | "period_mismatch" | "basis_confusion" | "area_mismatch" | "price_level_mismatch" | "recipient_mismatch" | "parts_do_not_add_up" | "unmatched_figure" | "line_not_mentioned" | "period_before_budget_year" | "decision_conflict" | "table_row_total" | "table_column_total" | "table_split_mismatch" | "agreement_text_mismatch" | "cross_reference" | "copied_passage" | "header_body_mismatch" | "text_too_long" | "ambiguous_basis" | "figure_normalised" | "contradictory_count" | "missing_allocation" | "unsourced_sentence" | "suspect_word";
                                    end: number;
                                    expected?: string;
                                    found?: string;
                                    message: string;
                                    /** @enum {string} */
                                    severity: "error" | "warning" | "info";
                                    start: number;
                                }[];
                                ok: boolean;
                            };
                            version: number;
                        };
                        versions: {
                            author: string;
                            createdAt: string;
                            id: string;
                            /** @enum {string} */
                            kind: "assessment" | "budget_note";
                            model: string;
                            /** @enum {string} */
                            status: "clean" | "flagged";
                            title: string;
                            version: number;
                        }[];
                    };
                };
            };
            /** @description The version is not a positive whole number */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No bearer token, or a token that is not known (token mode) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's role is below "caseworker" */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this token; wait Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request took longer than the request timeout and was stopped */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    exportDraft: {
        parameters: {
            query?: {
                format?: "md" | "docx";
                version?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": string;
                    "text/markdown": string;
                };
            };
            /** @description Unknown format, or a version that is not a positive number */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No bearer token, or a token that is not known (token mode) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's role is below "caseworker" */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this token; wait Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request took longer than the request timeout and was stopped */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    reviseDraft: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    author?: string;
                    baseVersion?: number;
                    /** @enum {string} */
                    decision?: "uændret" | "med_justeringer" | "ophører" | "betinget" | "afventer";
                    notes?: string[];
                    /** @enum {string} */
                    operation?: "shorter" | "longer" | "add_point" | "remove_point" | "plainer" | "formal";
                    point?: string;
                    text?: string;
                };
            };
        };
        responses: {
            /** @description The new version */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allocation?: {
                            cardId?: string;
                            initiative: string;
                            lines: {
                                amounts: {
                                    [key: string]: number;
                                };
                                appropriation?: string;
                                /** @enum {string} */
                                area: "service" | "indsats" | "overførsler" | "anlæg";
                                committee?: string;
                                label?: string;
                                recipient?: string;
                            }[];
                            priceLevel?: number;
                            source?: {
                                documentId: string;
                                end: number;
                                quote: string;
                                start: number;
                            };
                        };
                        allocationProposal?: {
                            allocation: {
                                cardId?: string;
                                initiative: string;
                                lines: {
                                    amounts: {
                                        [key: string]: number;
                                    };
                                    appropriation?: string;
                                    /** @enum {string} */
                                    area: "service" | "indsats" | "overførsler" | "anlæg";
                                    committee?: string;
                                    label?: string;
                                    recipient?: string;
                                }[];
                                priceLevel?: number;
                                source?: {
                                    documentId: string;
                                    end: number;
                                    quote: string;
                                    start: number;
                                };
                            };
                            notes: string[];
                        };
                        attempts: number;
                        author: string;
                        createdAt: string;
                        /** @enum {string} */
                        decision?: "uændret" | "med_justeringer" | "ophører" | "betinget" | "afventer" | "ukendt";
                        id: string;
                        input: {
                            [key: string]: unknown;
                        };
                        /** @enum {string} */
                        kind: "assessment" | "budget_note";
                        model: string;
                        modelCalls?: {
                            error?: string;
                            firstTokenMs?: number;
                            id: string;
                            inputTokens?: number;
                            latencyMs: number;
                            model: string;
                            /** @enum {string} */
                            operation: "object" | "text" | "tools";
                            outputTokens?: number;
                            prompt?: string;
                            provider: string;
                            retries: number;
                            route?: string;
                            startedAt: string;
                            /** @enum {string} */
                            validation: "passed" | "failed";
                        }[];
                        prompt: {
                            id: string;
                            version: string;
                        };
                        sections: {
                            fromData: boolean;
                            heading: string;
                            key: string;
                            sentences?: {
                                end: number;
                                sources: string[];
                                start: number;
                                suspect?: string[];
                            }[];
                            start: number;
                            table?: string[][];
                            text: string;
                        }[];
                        sources: {
                            cardId: string;
                            documentTitle: string;
                            end: number;
                            fact?: string;
                            page?: number;
                            quote: string;
                            /** @enum {string} */
                            reason: "same_initiative" | "same_decision" | "budget_note_example";
                            section: string;
                            start: number;
                            title: string;
                            year: number;
                        }[];
                        /** @enum {string} */
                        status: "clean" | "flagged";
                        text: string;
                        title: string;
                        validation: {
                            figures: {
                                amount?: {
                                    max: number;
                                    min: number;
                                };
                                /** @enum {string} */
                                area?: "service" | "indsats" | "overførsler" | "anlæg";
                                /** @enum {string} */
                                basis?: "per_year" | "total" | "unspecified";
                                decimals?: number;
                                end: number;
                                /** @enum {string} */
                                kind: "money" | "count" | "percent" | "date" | "reference" | "other" | "unit_header" | "price_level" | "heading";
                                matchedLine?: number;
                                normalised?: boolean;
                                priceLevel?: number | "løbende";
                                reason?: string;
                                recipient?: string;
                                start: number;
                                /** @enum {string} */
                                status: "ok" | "error" | "warning";
                                text: string;
                                /** @enum {string} */
                                unit?: "kr." | "1.000 kr." | "mio. kr." | "mia. kr.";
                                years: number[];
                            }[];
                            issues: {
                                /** @enum {string} */
                                code: "amount_mismatch" | "unit_error" | "period_mismatch" | "basis_confusion" | "area_mismatch" | "price_level_mismatch" | "recipient_mismatch" | "parts_do_not_add_up" | "unmatched_figure" | "line_not_mentioned" | "period_before_budget_year" | "decision_conflict" | "table_row_total" | "table_column_total" | "table_split_mismatch" | "agreement_text_mismatch" | "cross_reference" | "copied_passage" | "header_body_mismatch" | "text_too_long" | "ambiguous_basis" | "figure_normalised" | "contradictory_count" | "missing_allocation" | "unsourced_sentence" | "suspect_word";
                                end: number;
                                expected?: string;
                                found?: string;
                                message: string;
                                /** @enum {string} */
                                severity: "error" | "warning" | "info";
                                start: number;
                            }[];
                            ok: boolean;
                        };
                        version: number;
                    };
                };
            };
            /** @description Bad request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No bearer token, or a token that is not known (token mode) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's role is below "caseworker" */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description draft_version_stale: baseVersion is no longer the latest version (someone revised the draft meanwhile); details name the latest */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than this route accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this token; wait Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The model endpoint failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request took longer than the request timeout and was stopped */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    draftAssessment: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    allocation?: {
                        cardId?: string;
                        initiative: string;
                        lines: {
                            amounts: {
                                [key: string]: number;
                            };
                            appropriation?: string;
                            /** @enum {string} */
                            area: "service" | "indsats" | "overførsler" | "anlæg";
                            committee?: string;
                            label?: string;
                            recipient?: string;
                        }[];
                        priceLevel?: number;
                        source?: {
                            documentId: string;
                            end: number;
                            quote: string;
                            start: number;
                        };
                    };
                    author?: string;
                    card?: {
                        number: number;
                        year: number;
                    };
                    /** @enum {string} */
                    decision: "uændret" | "med_justeringer" | "ophører" | "betinget" | "afventer";
                    initiativeId?: string;
                    notes?: string[];
                };
            };
        };
        responses: {
            /** @description The draft (status flagged when issues remain) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allocation?: {
                            cardId?: string;
                            initiative: string;
                            lines: {
                                amounts: {
                                    [key: string]: number;
                                };
                                appropriation?: string;
                                /** @enum {string} */
                                area: "service" | "indsats" | "overførsler" | "anlæg";
                                committee?: string;
                                label?: string;
                                recipient?: string;
                            }[];
                            priceLevel?: number;
                            source?: {
                                documentId: string;
                                end: number;
                                quote: string;
                                start: number;
                            };
                        };
                        allocationProposal?: {
                            allocation: {
                                cardId?: string;
                                initiative: string;
                                lines: {
                                    amounts: {
                                        [key: string]: number;
                                    };
                                    appropriation?: string;
                                    /** @enum {string} */
                                    area: "service" | "indsats" | "overførsler" | "anlæg";
                                    committee?: string;
                                    label?: string;
                                    recipient?: string;
                                }[];
                                priceLevel?: number;
                                source?: {
                                    documentId: string;
                                    end: number;
                                    quote: string;
                                    start: number;
                                };
                            };
                            notes: string[];
                        };
                        attempts: number;
                        author: string;
                        createdAt: string;
                        /** @enum {string} */
                        decision?: "uændret" | "med_justeringer" | "ophører" | "betinget" | "afventer" | "ukendt";
                        id: string;
                        input: {
                            [key: string]: unknown;
                        };
                        /** @enum {string} */
                        kind: "assessment" | "budget_note";
                        model: string;
                        modelCalls?: {
                            error?: string;
                            firstTokenMs?: number;
                            id: string;
                            inputTokens?: number;
                            latencyMs: number;
                            model: string;
                            /** @enum {string} */
                            operation: "object" | "text" | "tools";
                            outputTokens?: number;
                            prompt?: string;
                            provider: string;
                            retries: number;
                            route?: string;
                            startedAt: string;
                            /** @enum {string} */
                            validation: "passed" | "failed";
                        }[];
                        prompt: {
                            id: string;
                            version: string;
                        };
                        sections: {
                            fromData: boolean;
                            heading: string;
                            key: string;
                            sentences?: {
                                end: number;
                                sources: string[];
                                start: number;
                                suspect?: string[];
                            }[];
                            start: number;
                            table?: string[][];
                            text: string;
                        }[];
                        sources: {
                            cardId: string;
                            documentTitle: string;
                            end: number;
                            fact?: string;
                            page?: number;
                            quote: string;
                            /** @enum {string} */
                            reason: "same_initiative" | "same_decision" | "budget_note_example";
                            section: string;
                            start: number;
                            title: string;
                            year: number;
                        }[];
                        /** @enum {string} */
                        status: "clean" | "flagged";
                        text: string;
                        title: string;
                        validation: {
                            figures: {
                                amount?: {
                                    max: number;
                                    min: number;
                                };
                                /** @enum {string} */
                                area?: "service" | "indsats" | "overførsler" | "anlæg";
                                /** @enum {string} */
                                basis?: "per_year" | "total" | "unspecified";
                                decimals?: number;
                                end: number;
                                /** @enum {string} */
                                kind: "money" | "count" | "percent" | "date" | "reference" | "other" | "unit_header" | "price_level" | "heading";
                                matchedLine?: number;
                                normalised?: boolean;
                                priceLevel?: number | "løbende";
                                reason?: string;
                                recipient?: string;
                                start: number;
                                /** @enum {string} */
                                status: "ok" | "error" | "warning";
                                text: string;
                                /** @enum {string} */
                                unit?: "kr." | "1.000 kr." | "mio. kr." | "mia. kr.";
                                years: number[];
                            }[];
                            issues: {
                                /** @enum {string} */
                                code: "amount_mismatch" | "unit_error" | "period_mismatch" | "basis_confusion" | "area_mismatch" | "price_level_mismatch" | "recipient_mismatch" | "parts_do_not_add_up" | "unmatched_figure" | "line_not_mentioned" | "period_before_budget_year" | "decision_conflict" | "table_row_total" | "table_column_total" | "table_split_mismatch" | "agreement_text_mismatch" | "cross_reference" | "copied_passage" | "header_body_mismatch" | "text_too_long" | "ambiguous_basis" | "figure_normalised" | "contradictory_count" | "missing_allocation" | "unsourced_sentence" | "suspect_word";
                                end: number;
                                expected?: string;
                                found?: string;
                                message: string;
                                /** @enum {string} */
                                severity: "error" | "warning" | "info";
                                start: number;
                            }[];
                            ok: boolean;
                        };
                        version: number;
                    };
                };
            };
            /** @description Bad request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No bearer token, or a token that is not known (token mode) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's role is below "caseworker" */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than this route accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this token; wait Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The model endpoint failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request took longer than the request timeout and was stopped */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    draftBudgetNote: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @example 35.10
                     * @example 3510
                     */
                    appropriation: string;
                    author?: string;
                    /**
                     * @example BI12
                     * @example BI7
                     * @example BIØ102
                     */
                    code?: string;
                    committee: string;
                    effects?: {
                        indsats: string;
                        "m\u00E5lgruppe": string;
                        "m\u00E5ls\u00E6tning": string;
                        "opf\u00F8lgning": string;
                    }[];
                    lines: {
                        amounts: {
                            [key: string]: number;
                        };
                        appropriation?: string;
                        /** @enum {string} */
                        area: "service" | "indsats" | "overførsler" | "anlæg";
                        committee?: string;
                        label: string;
                        recipient?: string;
                    }[];
                    priceLevel: number;
                    purpose: string[];
                    title: string;
                };
            };
        };
        responses: {
            /** @description The draft */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        allocation?: {
                            cardId?: string;
                            initiative: string;
                            lines: {
                                amounts: {
                                    [key: string]: number;
                                };
                                appropriation?: string;
                                /** @enum {string} */
                                area: "service" | "indsats" | "overførsler" | "anlæg";
                                committee?: string;
                                label?: string;
                                recipient?: string;
                            }[];
                            priceLevel?: number;
                            source?: {
                                documentId: string;
                                end: number;
                                quote: string;
                                start: number;
                            };
                        };
                        allocationProposal?: {
                            allocation: {
                                cardId?: string;
                                initiative: string;
                                lines: {
                                    amounts: {
                                        [key: string]: number;
                                    };
                                    appropriation?: string;
                                    /** @enum {string} */
                                    area: "service" | "indsats" | "overførsler" | "anlæg";
                                    committee?: string;
                                    label?: string;
                                    recipient?: string;
                                }[];
                                priceLevel?: number;
                                source?: {
                                    documentId: string;
                                    end: number;
                                    quote: string;
                                    start: number;
                                };
                            };
                            notes: string[];
                        };
                        attempts: number;
                        author: string;
                        createdAt: string;
                        /** @enum {string} */
                        decision?: "uændret" | "med_justeringer" | "ophører" | "betinget" | "afventer" | "ukendt";
                        id: string;
                        input: {
                            [key: string]: unknown;
                        };
                        /** @enum {string} */
                        kind: "assessment" | "budget_note";
                        model: string;
                        modelCalls?: {
                            error?: string;
                            firstTokenMs?: number;
                            id: string;
                            inputTokens?: number;
                            latencyMs: number;
                            model: string;
                            /** @enum {string} */
                            operation: "object" | "text" | "tools";
                            outputTokens?: number;
                            prompt?: string;
                            provider: string;
                            retries: number;
                            route?: string;
                            startedAt: string;
                            /** @enum {string} */
                            validation: "passed" | "failed";
                        }[];
                        prompt: {
                            id: string;
                            version: string;
                        };
                        sections: {
                            fromData: boolean;
                            heading: string;
                            key: string;
                            sentences?: {
                                end: number;
                                sources: string[];
                                start: number;
                                suspect?: string[];
                            }[];
                            start: number;
                            table?: string[][];
                            text: string;
                        }[];
                        sources: {
                            cardId: string;
                            documentTitle: string;
                            end: number;
                            fact?: string;
                            page?: number;
                            quote: string;
                            /** @enum {string} */
                            reason: "same_initiative" | "same_decision" | "budget_note_example";
                            section: string;
                            start: number;
                            title: string;
                            year: number;
                        }[];
                        /** @enum {string} */
                        status: "clean" | "flagged";
                        text: string;
                        title: string;
                        validation: {
                            figures: {
                                amount?: {
                                    max: number;
                                    min: number;
                                };
                                /** @enum {string} */
                                area?: "service" | "indsats" | "overførsler" | "anlæg";
                                /** @enum {string} */
                                basis?: "per_year" | "total" | "unspecified";
                                decimals?: number;
                                end: number;
                                /** @enum {string} */
                                kind: "money" | "count" | "percent" | "date" | "reference" | "other" | "unit_header" | "price_level" | "heading";
                                matchedLine?: number;
                                normalised?: boolean;
                                priceLevel?: number | "løbende";
                                reason?: string;
                                recipient?: string;
                                start: number;
                                /** @enum {string} */
                                status: "ok" | "error" | "warning";
                                text: string;
                                /** @enum {string} */
                                unit?: "kr." | "1.000 kr." | "mio. kr." | "mia. kr.";
                                years: number[];
                            }[];
                            issues: {
                                /** @enum {string} */
                                code: "amount_mismatch" | "unit_error" | "period_mismatch" | "basis_confusion" | "area_mismatch" | "price_level_mismatch" | "recipient_mismatch" | "parts_do_not_add_up" | "unmatched_figure" | "line_not_mentioned" | "period_before_budget_year" | "decision_conflict" | "table_row_total" | "table_column_total" | "table_split_mismatch" | "agreement_text_mismatch" | "cross_reference" | "copied_passage" | "header_body_mismatch" | "text_too_long" | "ambiguous_basis" | "figure_normalised" | "contradictory_count" | "missing_allocation" | "unsourced_sentence" | "suspect_word";
                                end: number;
                                expected?: string;
                                found?: string;
                                message: string;
                                /** @enum {string} */
                                severity: "error" | "warning" | "info";
                                start: number;
                            }[];
                            ok: boolean;
                        };
                        version: number;
                    };
                };
            };
            /** @description Bad request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No bearer token, or a token that is not known (token mode) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's role is below "caseworker" */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than this route accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this token; wait Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The model endpoint failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request took longer than the request timeout and was stopped */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        chunks: number;
                        documents: number;
                        embedder: string;
                        /** @enum {string} */
                        status: "ok";
                        version: string;
                    };
                };
            };
            /** @description The request took longer than the request timeout and was stopped */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listInitiatives: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Initiatives and the link report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        initiatives: {
                            cards: string[];
                            id: string;
                            title: string;
                            years: number[];
                        }[];
                        links: {
                            linked: number;
                            linkedInitiatives: number;
                            links: {
                                cards: [
                                    string,
                                    string
                                ];
                                evidence: ("title" | "distinctive_word" | "same_money" | "cross_reference" | "confirmed")[];
                                similarity: number;
                                /** @enum {string} */
                                status: "title" | "review" | "confirmed" | "split" | "suggested";
                                word?: string;
                            }[];
                            toConfirm: {
                                cards: [
                                    string,
                                    string
                                ];
                                evidence: ("title" | "distinctive_word" | "same_money" | "cross_reference" | "confirmed")[];
                                similarity: number;
                                /** @enum {string} */
                                status: "title" | "review" | "confirmed" | "split" | "suggested";
                                word?: string;
                            }[];
                        };
                    };
                };
            };
            /** @description No bearer token, or a token that is not known (token mode) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's role is below "reader" */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this token; wait Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request took longer than the request timeout and was stopped */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getInitiativeTimeline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The timeline, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        changes: {
                            cardId: string;
                            /** @enum {string} */
                            from: "uændret" | "med_justeringer" | "ophører" | "betinget" | "afventer" | "ukendt";
                            fromYear: number;
                            /** @enum {string} */
                            to: "uændret" | "med_justeringer" | "ophører" | "betinget" | "afventer" | "ukendt";
                            toYear: number;
                        }[];
                        entries: {
                            cardId: string;
                            /** @enum {string} */
                            decision: "uændret" | "med_justeringer" | "ophører" | "betinget" | "afventer" | "ukendt";
                            documentTitle: string;
                            money: {
                                amount: {
                                    max: number;
                                    min: number;
                                };
                                /** @enum {string} */
                                area?: "service" | "indsats" | "overførsler" | "anlæg";
                                /** @enum {string} */
                                basis?: "per_year" | "total" | "unspecified";
                                end: number;
                                part?: boolean;
                                /** @enum {string} */
                                section: "content" | "results" | "expiring_money" | "assessment" | "proposed_money" | "grant" | "background" | "expected_effect" | "economy" | "risk" | "technical" | "other_technical" | "previous_funding" | "agreement_text" | "other";
                                start: number;
                                text: string;
                                years: number[];
                            }[];
                            moneyPerYear?: {
                                amount: {
                                    max: number;
                                    min: number;
                                };
                                /** @enum {string} */
                                area?: "service" | "indsats" | "overførsler" | "anlæg";
                                figures: string[];
                                /** @enum {string} */
                                section: "content" | "results" | "expiring_money" | "assessment" | "proposed_money" | "grant" | "background" | "expected_effect" | "economy" | "risk" | "technical" | "other_technical" | "previous_funding" | "agreement_text" | "other";
                                year: number;
                            }[];
                            quote: {
                                end: number;
                                /** @enum {string} */
                                section: "content" | "results" | "expiring_money" | "assessment" | "proposed_money" | "grant" | "background" | "expected_effect" | "economy" | "risk" | "technical" | "other_technical" | "previous_funding" | "agreement_text" | "other";
                                start: number;
                                text: string;
                            } | null;
                            title: string;
                            year: number;
                        }[];
                        id: string;
                        title: string;
                    };
                };
            };
            /** @description No bearer token, or a token that is not known (token mode) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's role is below "reader" */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this token; wait Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request took longer than the request timeout and was stopped */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    setInitiativeLink: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    cards: [
                        string,
                        string
                    ];
                    /** @enum {string} */
                    verdict: "confirm" | "split";
                };
            };
        };
        responses: {
            /** @description The initiatives with the verdict applied */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        initiatives: {
                            cards: string[];
                            id: string;
                            title: string;
                            years: number[];
                        }[];
                        links: {
                            linked: number;
                            linkedInitiatives: number;
                            links: {
                                cards: [
                                    string,
                                    string
                                ];
                                evidence: ("title" | "distinctive_word" | "same_money" | "cross_reference" | "confirmed")[];
                                similarity: number;
                                /** @enum {string} */
                                status: "title" | "review" | "confirmed" | "split" | "suggested";
                                word?: string;
                            }[];
                            toConfirm: {
                                cards: [
                                    string,
                                    string
                                ];
                                evidence: ("title" | "distinctive_word" | "same_money" | "cross_reference" | "confirmed")[];
                                similarity: number;
                                /** @enum {string} */
                                status: "title" | "review" | "confirmed" | "split" | "suggested";
                                word?: string;
                            }[];
                        };
                    };
                };
            };
            /** @description Bad request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No bearer token, or a token that is not known (token mode) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's role is below "admin" */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than this route accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this token; wait Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request took longer than the request timeout and was stopped */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    searchPassages: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    cut?: boolean;
                    /** @enum {string} */
                    kind?: "annex" | "budget_note";
                    limit?: number;
                    /** @enum {string} */
                    mode?: "hybrid" | "fulltext" | "vector";
                    query: string;
                    year?: number;
                };
            };
        };
        responses: {
            /** @description Results */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            cardId: string;
                            cardNumber: number | null;
                            /** @enum {string} */
                            decision: "uændret" | "med_justeringer" | "ophører" | "betinget" | "afventer" | "ukendt";
                            documentId: string;
                            documentTitle: string;
                            end: number;
                            heading: string;
                            /** @enum {string} */
                            kind: "annex" | "budget_note";
                            quote: string;
                            score: number;
                            section: string;
                            start: number;
                            title: string;
                            year: number;
                        }[];
                    };
                };
            };
            /** @description Bad request */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No bearer token, or a token that is not known (token mode) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's role is below "reader" */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than this route accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this token; wait Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request took longer than the request timeout and was stopped */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        mode: "local" | "tokens";
                        name?: string;
                        /** @enum {string} */
                        role?: "reader" | "caseworker" | "admin";
                        signedIn: boolean;
                    };
                };
            };
            /** @description The token is not known */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request took longer than the request timeout and was stopped */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    validateText: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    allocation?: {
                        cardId?: string;
                        initiative: string;
                        lines: {
                            amounts: {
                                [key: string]: number;
                            };
                            appropriation?: string;
                            /** @enum {string} */
                            area: "service" | "indsats" | "overførsler" | "anlæg";
                            committee?: string;
                            label?: string;
                            recipient?: string;
                        }[];
                        priceLevel?: number;
                        source?: {
                            documentId: string;
                            end: number;
                            quote: string;
                            start: number;
                        };
                    };
                    initiativeId?: string;
                    options?: {
                        budgetYear?: number;
                        /** @enum {string} */
                        decision?: "uændret" | "med_justeringer" | "ophører" | "betinget" | "afventer" | "ukendt";
                        maxTextLength?: number;
                    };
                    text: string;
                };
            };
        };
        responses: {
            /** @description The result, whether the text is correct or not */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        figures: {
                            amount?: {
                                max: number;
                                min: number;
                            };
                            /** @enum {string} */
                            area?: "service" | "indsats" | "overførsler" | "anlæg";
                            /** @enum {string} */
                            basis?: "per_year" | "total" | "unspecified";
                            decimals?: number;
                            end: number;
                            /** @enum {string} */
                            kind: "money" | "count" | "percent" | "date" | "reference" | "other" | "unit_header" | "price_level" | "heading";
                            matchedLine?: number;
                            normalised?: boolean;
                            priceLevel?: number | "løbende";
                            reason?: string;
                            recipient?: string;
                            start: number;
                            /** @enum {string} */
                            status: "ok" | "error" | "warning";
                            text: string;
                            /** @enum {string} */
                            unit?: "kr." | "1.000 kr." | "mio. kr." | "mia. kr.";
                            years: number[];
                        }[];
                        issues: {
                            /** @enum {string} */
                            code: "amount_mismatch" | "unit_error" | "period_mismatch" | "basis_confusion" | "area_mismatch" | "price_level_mismatch" | "recipient_mismatch" | "parts_do_not_add_up" | "unmatched_figure" | "line_not_mentioned" | "period_before_budget_year" | "decision_conflict" | "table_row_total" | "table_column_total" | "table_split_mismatch" | "agreement_text_mismatch" | "cross_reference" | "copied_passage" | "header_body_mismatch" | "text_too_long" | "ambiguous_basis" | "figure_normalised" | "contradictory_count" | "missing_allocation" | "unsourced_sentence" | "suspect_word";
                            end: number;
                            expected?: string;
                            found?: string;
                            message: string;
                            /** @enum {string} */
                            severity: "error" | "warning" | "info";
                            start: number;
                        }[];
                        ok: boolean;
                    };
                };
            };
            /** @description Malformed body or allocation */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No bearer token, or a token that is not known (token mode) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The token's role is below "caseworker" */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown initiativeId */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request body is larger than this route accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Too many requests for this token; wait Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The request took longer than the request timeout and was stopped */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
