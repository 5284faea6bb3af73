//go:build js && wasm

package main

import "testing"

// The contract (SOCKET.md), section by section: each test runs the rows of
// one testdata file (see rows_test.go for the format). Every test here runs
// a second time in Chromium with every socket through the relay
// (run_test.go reads their names from this file): a row that cannot, the
// relay's own, goes elsewhere (relay_rows_test.go).

// The smallest round trip, through the global API.
func TestSmokeEcho(t *testing.T) { runFile(t, "smoke_echo.js") }

// Spec section 1: behaviour by base-library version, and the rows of
// sections 2 to 4 where a version changes them.
func TestVersionGates(t *testing.T)       { runFile(t, "version_gates.js") }
func TestVersionMultiSocket(t *testing.T) { runFile(t, "version_multi_socket.js") }
func TestVersionPromises(t *testing.T)    { runFile(t, "version_promises.js") }
func TestReleaseDiscipline(t *testing.T)  { runFile(t, "release_discipline.js") }

// NETWORK.md section 7: wx.canIUse, wx.getNetworkType, wx.on/offNetworkStatusChange.
func TestEnvNetwork(t *testing.T) { runFile(t, "env_network.js") }

// Spec section 2, wx.connectSocket, at the default version 1.6.0.
func TestConnectURLType(t *testing.T)                     { runFile(t, "connect_url_type.js") }
func TestConnectInvalidURL(t *testing.T)                  { runFile(t, "connect_invalid_url.js") }
func TestConnectDomainCheck(t *testing.T)                 { runFile(t, "connect_domain_check.js") }
func TestConnectSteps(t *testing.T)                       { runFile(t, "connect_steps.js") }
func TestSeedExamples(t *testing.T)                       { runFile(t, "seed_examples.js") }
func TestConstructorMessagesMatchTheBrowser(t *testing.T) { runFile(t, "constructor_messages.js") }

// Spec section 3, SocketTask.
func TestTaskReadyState(t *testing.T) { runFile(t, "task_ready_state.js") }
func TestTaskSend(t *testing.T)       { runFile(t, "task_send.js") }
func TestTaskClose(t *testing.T)      { runFile(t, "task_close.js") }
func TestTaskListeners(t *testing.T)  { runFile(t, "task_listeners.js") }

// Spec section 4, the global API, at 1.6.0.
func TestGlobalSlots(t *testing.T) { runFile(t, "global_slots.js") }
func TestGlobalSend(t *testing.T)  { runFile(t, "global_send.js") }
func TestGlobalClose(t *testing.T) { runFile(t, "global_close.js") }

// Spec section 5: callbacks, exceptions, and the runtime that never stops.
func TestCallbacks(t *testing.T) { runFile(t, "callbacks.js") }

// NETWORK.md sections 1, 2 and 6: wx.request's smallest rows.
func TestRequestSmoke(t *testing.T) { runFile(t, "request_smoke.js") }

// The wxshim settings global: shapes, validation, rewrites.
func TestSettings(t *testing.T) { runFile(t, "settings.js") }

// NETWORK.md sections 1, 2 and 6, wx.request: the synchronous checks; the
// body, query and headers sent; the response; the task; the queue and
// timeouts; the legal domains. Section 6's page-alone rows cannot pass
// through the relay, so they are in relay_rows_test.go (TestRequestPage).
func TestRequestParams(t *testing.T)   { runFile(t, "request_params.js") }
func TestRequestBody(t *testing.T)     { runFile(t, "request_body.js") }
func TestRequestResponse(t *testing.T) { runFile(t, "request_response.js") }
func TestRequestTask(t *testing.T)     { runFile(t, "request_task.js") }
func TestRequestQueue(t *testing.T)    { runFile(t, "request_queue.js") }
func TestRequestDomain(t *testing.T)   { runFile(t, "request_domain.js") }
