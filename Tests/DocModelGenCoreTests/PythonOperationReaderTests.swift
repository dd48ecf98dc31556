@testable import DocModelGenCore
import Foundation
import TestSupport
import Testing

/// `PythonModelReader`'s operations (`PythonOperationModule`, `PythonOperationResolver`) on
/// excerpts of both generator families (SDK-FACTS i.1–i.5: polar-sdk 0.32.0 and
/// unstructured-client 0.43.2, the pydantic family; airbyte-api 0.47.3, the dataclasses one), on
/// malformed input, and, when the peers virtualenv exists, on the installed SDKs.
@Suite struct PythonOperationReaderTests {
    static func read(models: [(String, String)], operations: [(String, String)]) -> (facts: WireFacts, diagnostics: [Diagnostic]) {
        PythonModelReader.read(
            files: models.map { (path: $0.0, bytes: Array($0.1.utf8)) },
            operationFiles: operations.map { (path: $0.0, bytes: Array($0.1.utf8)) })
    }

    static func operation(_ name: String, in facts: WireFacts) throws -> WireOperation {
        try #require(facts.operations.first { $0.sdkName == name }, "no operation \(name)")
    }

    // MARK: The pydantic family

    /// `polar_sdk/checkouts.py` and `customers.py`, abridged: a sync `def` with its `async def`
    /// twin, a path parameter, a body-only operation and a field that is the body.
    static let checkouts = #"""
        from .basesdk import BaseSDK
        from polar_sdk import models, utils
        from polar_sdk._hooks import HookContext
        from typing import Any, Dict, List, Mapping, Optional, Union, cast


        class Checkouts(BaseSDK):
            def list(
                self,
                *,
                organization_id: OptionalNullable[str] = UNSET,
                page: Optional[int] = 1,
                retries: OptionalNullable[utils.RetryConfig] = UNSET,
            ) -> Optional[models.CheckoutsListResponse]:
                r"""List Checkout Sessions"""
                base_url = None
                if server_url is not None:
                    base_url = server_url
                request = models.CheckoutsListRequest(
                    organization_id=organization_id,
                    page=page,
                )

                req = self._build_request(
                    method="GET",
                    path="/v1/checkouts/",
                    base_url=base_url,
                    request=request,
                    request_body_required=False,
                    accept_header_value="application/json",
                )
                http_res = self.do_request(
                    hook_ctx=HookContext(
                        config=self.sdk_configuration,
                        operation_id="checkouts:list",
                    ),
                    request=req,
                )

                def next_func() -> Optional[models.CheckoutsListResponse]:
                    body = utils.unmarshal_json(http_res.text, Union[Dict[Any, Any], List[Any]])
                    page = request.page if not request.page is None else 1
                    next_page = page + 1

                    num_pages = JSONPath("$.pagination.max_page").parse(body)
                    if len(num_pages) == 0 or num_pages[0] <= page:
                        return None

                    if not http_res.text:
                        return None
                    results = JSONPath("$.items").parse(body)
                    if len(results) == 0 or len(results[0]) == 0:
                        return None
                    limit = request.limit if not request.limit is None else 10
                    if len(results[0]) < limit:
                        return None

                    return self.list(
                        organization_id=organization_id,
                        page=next_page,
                        limit=limit,
                        retries=retries,
                    )

            async def list_async(
                self,
                *,
                page: Optional[int] = 1,
            ) -> Optional[models.CheckoutsListResponse]:
                request = models.CheckoutsListRequest(page=page)
                req = self._build_request_async(
                    method="GET",
                    path="/v1/checkouts/",
                    request=request,
                )

            def update(self, *, id: str, customer_update: Union[models.CustomerUpdate, models.CustomerUpdateTypedDict]) -> models.Customer:
                request = models.CustomersUpdateRequest(
                    id=id,
                    customer_update=utils.get_pydantic_model(customer_update, models.CustomerUpdate),
                )
                req = self._build_request(
                    method="PATCH",
                    path="/v1/customers/{id}",
                    request=request,
                    get_serialized_body=lambda: utils.serialize_request_body(
                        request.customer_update, False, False, "json", models.CustomerUpdate
                    ),
                )

            def token(self, *, request: Union[models.TokenRequest, models.TokenRequestTypedDict]) -> models.Token:
                if not isinstance(request, BaseModel):
                    request = utils.unmarshal(request, models.TokenRequest)
                request = cast(models.TokenRequest, request)
                req = self._build_request(
                    method="POST",
                    path="/v1/oauth2/token",
                    request=request,
                    get_serialized_body=lambda: utils.serialize_request_body(
                        request, False, False, "form", models.TokenRequest
                    ),
                )

            def _helper(self) -> None:
                return None
        """#

    /// `polar_sdk/sdk.py`: the lazily created groups.
    static let polarSDK = #"""
        class Polar(BaseSDK):
            checkouts: "Checkouts"
            _sub_sdk_map = {
                "checkouts": ("polar_sdk.checkouts", "Checkouts"),
            }
        """#

    /// `models/checkouts_listop.py`, `customers_updateop.py`, `oauth2` and unstructured's
    /// `list_workflows.py` header (an alias as the wire name), abridged.
    static let requestModels = #"""
        from polar_sdk.types import BaseModel, OptionalNullable, UNSET
        from polar_sdk.utils import FieldMetadata, HeaderMetadata, PathParamMetadata, QueryParamMetadata, RequestMetadata
        import pydantic
        from typing import Optional
        from typing_extensions import Annotated


        class CheckoutsListRequest(BaseModel):
            organization_id: Annotated[
                OptionalNullable[str],
                FieldMetadata(query=QueryParamMetadata(style="form", explode=True)),
            ] = UNSET

            page: Annotated[
                Optional[int],
                FieldMetadata(query=QueryParamMetadata(style="deepObject", explode=True)),
            ] = 1

            api_key: Annotated[
                OptionalNullable[str],
                pydantic.Field(alias="unstructured-api-key"),
                FieldMetadata(header=HeaderMetadata(style="simple", explode=False)),
            ] = UNSET


        class CustomersUpdateRequest(BaseModel):
            id: Annotated[
                str, FieldMetadata(path=PathParamMetadata(style="simple", explode=False))
            ]

            customer_update: Annotated[
                CustomerUpdate,
                FieldMetadata(request=RequestMetadata(media_type="application/json")),
            ]


        class CustomerUpdate(BaseModel):
            email: Optional[str] = None


        class TokenRequest(BaseModel):
            client_id: str
        """#

    @Test func thePydanticFamilysOperationsAndTheirParameters() throws {
        let (facts, diagnostics) = Self.read(
            models: [("models/checkouts_listop.py", Self.requestModels)],
            operations: [("checkouts.py", Self.checkouts), ("sdk.py", Self.polarSDK)])
        #expect(diagnostics == [])
        // The async twin and the helper are not operations.
        #expect(facts.operations.map(\.sdkName) == ["list", "update", "token"])
        let list = try Self.operation("list", in: facts)
        #expect(list.group == "checkouts")
        #expect(list.method == "GET")
        #expect(list.path == "/v1/checkouts/")
        #expect(list.operationID == "checkouts:list")
        #expect(list.bodyMediaType == nil)
        #expect(list.parameters == [
            WireParameter(name: "organization_id", location: "query", style: "form", explode: true),
            WireParameter(name: "page", location: "query", style: "deepObject", explode: true),
            WireParameter(name: "unstructured-api-key", location: "header", style: "simple", explode: false),
        ])
        #expect(list.location == SourceLocation(file: "checkouts.py", line: 8, column: 9))
        let update = try Self.operation("update", in: facts)
        #expect(update.method == "PATCH")
        #expect(update.path == "/v1/customers/{id}")
        #expect(update.parameters == [WireParameter(name: "id", location: "path", style: "simple", explode: false)])
        #expect(update.bodyMediaType == "application/json")
        // A body-only operation: the request is the body, no field of it is a parameter.
        let token = try Self.operation("token", in: facts)
        #expect(token.parameters == [])
        #expect(token.bodyMediaType == "application/x-www-form-urlencoded")
        let model = try #require(facts.models.first { $0.name == "CustomersUpdateRequest" })
        #expect(model.fields.map(\.requestMediaType) == [nil, "application/json"])
    }

    // MARK: airbyte

    /// `airbyte/jobs.py`, abridged: `generate_url` and `base_url + '/jobs'`, a body that is the
    /// request and one that is a field of it.
    static let jobs = #"""
        from .sdkconfiguration import SDKConfiguration
        from airbyte import utils
        from airbyte.models import errors, operations, shared
        from typing import Optional

        class Jobs:
            sdk_configuration: SDKConfiguration

            def __init__(self, sdk_config: SDKConfiguration) -> None:
                self.sdk_configuration = sdk_config



            def cancel_job(self, request: operations.CancelJobRequest) -> operations.CancelJobResponse:
                r"""Cancel a running Job"""
                base_url = utils.template_url(*self.sdk_configuration.get_server_details())

                url = utils.generate_url(operations.CancelJobRequest, base_url, '/jobs/{jobId}', request)
                headers = {}
                headers['Accept'] = 'application/json'

                http_res = client.request('DELETE', url, headers=headers)
                content_type = http_res.headers.get('Content-Type')

            def create_job(self, request: shared.JobCreateRequest) -> operations.CreateJobResponse:
                base_url = utils.template_url(*self.sdk_configuration.get_server_details())

                url = base_url + '/jobs'
                headers = {}
                req_content_type, data, form = utils.serialize_request_body(request, shared.JobCreateRequest, "request", False, False, 'json')
                http_res = client.request('POST', url, data=data, files=form, headers=headers)

            def list_jobs(self, request: operations.ListJobsRequest) -> operations.ListJobsResponse:
                url = base_url + '/jobs'
                query_params = utils.get_query_params(operations.ListJobsRequest, request)
                http_res = client.request('GET', url, params=query_params, headers=headers)

            def patch_connection(self, request: operations.PatchConnectionRequest) -> operations.PatchConnectionResponse:
                url = utils.generate_url(operations.PatchConnectionRequest, base_url, '/connections/{connectionId}', request)
                req_content_type, data, form = utils.serialize_request_body(request, operations.PatchConnectionRequest, "connection_patch_request", False, False, 'json')
                http_res = client.request('PATCH', url, data=data, files=form, headers=headers)
        """#

    static let airbyteSDK = #"""
        class Airbyte:
            jobs: Jobs

            def _init_sdks(self):
                self.jobs = Jobs(self.sdk_configuration)
        """#

    static let airbyteRequests = #"""
        from __future__ import annotations
        import dataclasses
        from ...models.shared import connectionpatchrequest as shared_connectionpatchrequest
        from typing import List, Optional


        @dataclasses.dataclass
        class CancelJobRequest:
            job_id: int = dataclasses.field(metadata={'path_param': { 'field_name': 'jobId', 'style': 'simple', 'explode': False }})


        @dataclasses.dataclass
        class ListJobsRequest:
            connection_id: Optional[str] = dataclasses.field(default=None, metadata={'query_param': { 'field_name': 'connectionId', 'style': 'form', 'explode': True }})
            workspace_ids: Optional[List[str]] = dataclasses.field(default=None, metadata={'query_param': { 'field_name': 'workspaceIds' }})


        @dataclasses.dataclass
        class PatchConnectionRequest:
            connection_patch_request: shared_connectionpatchrequest.ConnectionPatchRequest = dataclasses.field(metadata={'request': { 'media_type': 'application/json' }})
            connection_id: str = dataclasses.field(metadata={'path_param': { 'field_name': 'connectionId', 'style': 'simple', 'explode': False }})
        """#

    static let jobCreateRequest = #"""
        import dataclasses
        from dataclasses_json import Undefined, dataclass_json
        from airbyte import utils


        @dataclass_json(undefined=Undefined.EXCLUDE)
        @dataclasses.dataclass
        class JobCreateRequest:
            connection_id: str = dataclasses.field(metadata={'dataclasses_json': { 'letter_case': utils.get_field_name('connectionId') }})
        """#

    @Test func airbytesOperationsAndTheirParameters() throws {
        let (facts, diagnostics) = Self.read(
            models: [("models/operations/jobs.py", Self.airbyteRequests), ("models/shared/jobcreaterequest.py", Self.jobCreateRequest)],
            operations: [("jobs.py", Self.jobs), ("sdk.py", Self.airbyteSDK)])
        #expect(diagnostics == [])
        #expect(facts.operations.map(\.sdkName) == ["cancel_job", "create_job", "list_jobs", "patch_connection"])
        #expect(facts.operations.allSatisfy { $0.group == "jobs" && $0.operationID == nil })
        let cancel = try Self.operation("cancel_job", in: facts)
        #expect(cancel.method == "DELETE")
        #expect(cancel.path == "/jobs/{jobId}")
        #expect(cancel.parameters == [WireParameter(name: "jobId", location: "path", style: "simple", explode: false)])
        #expect(cancel.bodyMediaType == nil)
        let create = try Self.operation("create_job", in: facts)
        #expect(create.method == "POST")
        #expect(create.path == "/jobs")
        // The request is the body: its fields are JSON keys, not parameters.
        #expect(create.parameters == [])
        #expect(create.bodyMediaType == "application/json")
        let list = try Self.operation("list_jobs", in: facts)
        #expect(list.method == "GET")
        // Without style and explode, airbyte's `get_query_params` defaults: form, exploded.
        #expect(list.parameters == [
            WireParameter(name: "connectionId", location: "query", style: "form", explode: true),
            WireParameter(name: "workspaceIds", location: "query", style: "form", explode: true),
        ])
        let patch = try Self.operation("patch_connection", in: facts)
        #expect(patch.parameters == [WireParameter(name: "connectionId", location: "path", style: "simple", explode: false)])
        #expect(patch.bodyMediaType == "application/json")
    }

    // MARK: What is unexpected

    @Test func whatCannotBeReadIsALocatedWarning() throws {
        let module = #"""
            class Broken(BaseSDK):
                def computed(self, *, method: str):
                    req = self._build_request(method=method, path="/x")

                def pathless(self, request: operations.GetRequest):
                    url = make_url(request)
                    http_res = client.request('GET', url)

                def ambiguous(self, *, id: str):
                    request = models.Twin(id=id)
                    req = self._build_request(method="GET", path="/twins/{id}")

                def unknown(self, *, id: str):
                    request = models.Missing(id=id)
                    req = self._build_request(method="GET", path="/missing/{id}", get_serialized_body=lambda: utils.serialize_request_body(request, False, False, "xml", models.Missing))

                def unclosed(self):
                    req = self._build_request(method="GET", path="/u"
            """#
        let twin = "class Twin(BaseModel):\n    id: str\n"
        let (facts, diagnostics) = Self.read(
            models: [("models/a/twin.py", twin), ("models/b/twin.py", twin)],
            operations: [("broken.py", module)])
        let messages = diagnostics.map(\.message)
        #expect(messages.contains("operation `Broken.computed`: its `_build_request` has no literal method and path; not read"))
        #expect(messages.contains("operation `Broken.pathless`: its request's path is not a literal this reader knows; not read"))
        #expect(messages.contains { $0.hasPrefix("operation `Broken.ambiguous`: its request model `models.Twin` names 2 model classes") })
        #expect(messages.contains("operation `Broken.unknown`: its request model `models.Missing` is not a model class among the SDK's models; its parameters are left to the docs"))
        #expect(messages.contains { $0.hasPrefix("operation `Broken.unknown`: its body's serialization method 'xml'") })
        #expect(messages.contains("a bracket is not closed; the statement is read up to here"))
        #expect(diagnostics.allSatisfy { $0.severity == .warning && $0.location != nil })
        // The readable ones are still operations, without what could not be located.
        #expect(facts.operations.map(\.sdkName) == ["ambiguous", "unknown", "unclosed"])
        #expect(facts.operations.allSatisfy { $0.parameters.isEmpty && $0.bodyMediaType == nil && $0.group == nil })
    }

    @Test func anOperationModuleThatIsNotUTF8IsNotRead() {
        let bytes: [UInt8] = Array("class X(BaseSDK):\n    def y(self):\n        req = self._build_request(method=\"GET\", path=\"/".utf8) + [0xFF] + Array("\")\n".utf8)
        let (facts, diagnostics) = PythonModelReader.read(files: [], operationFiles: [(path: "x.py", bytes: bytes)])
        #expect(facts.operations.isEmpty)
        #expect(diagnostics == [.warning("not read: the module is not valid UTF-8", at: SourceLocation(file: "x.py", line: 3, column: 56))])
    }

    @Test func arbitraryBytesNeverTrap() {
        var random = SeededRandomNumberGenerator(seed: 11)
        let alphabet = Array("class def async self._build_request(method=\"GET\", path='/x{y}') client.request url = base_url + _sub_sdk_map {}:\n    ".utf8) + [0xFF, 0x0D]
        for _ in 0..<300 {
            let length = Int.random(in: 0..<400, using: &random)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &random)! }
            let (facts, diagnostics) = PythonModelReader.read(files: [], operationFiles: [(path: "r.py", bytes: bytes)])
            #expect(diagnostics.allSatisfy { $0.severity == .warning && ($0.location?.line ?? 0) >= 1 })
            #expect(facts.operations.allSatisfy { $0.location.line >= 1 })
        }
    }

    // MARK: Which files

    @Test func theOperationModulesAreSelectedByPathAlone() {
        let polar = ["__init__.py", "checkouts.py", "sdk.py", "models/__init__.py", "models/checkout.py", "utils/forms.py",
                     "_hooks/sdkhooks.py", "types/basemodel.py", "__pycache__/checkouts.cpython-311.pyc", "py.typed"]
        #expect(PythonModelFiles.selectOperations(polar) == ["__init__.py", "checkouts.py", "sdk.py"])
        #expect(PythonModelFiles.select(polar) == ["models/__init__.py", "models/checkout.py"])
        let friendli = ["core/endpoint.py", "core/models/x.py", "core/utils/url.py", "friendli.py"]
        #expect(PythonModelFiles.selectOperations(friendli) == ["core/endpoint.py", "friendli.py"])
        // The models folder named itself: no operations there.
        #expect(PythonModelFiles.selectOperations(["checkout.py", "shared/x.py"]) == [])
    }

    // MARK: The installed SDKs

    /// The package's model and operation modules, read as the CLI reads them; nil (with the skip
    /// message) without the peers virtualenv.
    static func readInstalled(_ package: String) throws -> (facts: WireFacts, diagnostics: [Diagnostic])? {
        guard let sitePackages = PythonModelReaderTests.sitePackages else {
            print("skipped: the peer virtualenv is missing: run `Tests/Peers/setup-venv` (CI's .ci/run does)")
            return nil
        }
        let folder = sitePackages.appendingPathComponent(package)
        let all = (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String]) ?? []
        let load = { (path: String) in (path: path, bytes: Array(try Data(contentsOf: folder.appendingPathComponent(path)))) }
        return PythonModelReader.read(
            files: try PythonModelFiles.select(all).map(load), operationFiles: try PythonModelFiles.selectOperations(all).map(load))
    }

    struct Installed: Sendable, CustomTestStringConvertible {
        var package: String
        var operations: Int
        /// Operations with a parameter located by the request model.
        var withParameters: Int
        var parameters: Int
        /// Operations with a body media type.
        var withBody: Int
        var testDescription: String { package }
    }

    /// The counts SDK-FACTS i.1–i.3 give: polar 107 path + 282 query parameters, unstructured 30
    /// header + 20 path + 19 query, airbyte 17 path + 30 query; friendli's 127 less the 6 of
    /// `GetCostsRequest`, which no operation builds.
    static let installed = [
        Installed(package: "airbyte", operations: 29, withParameters: 23, parameters: 47, withBody: 13),
        Installed(package: "polar_sdk", operations: 185, withParameters: 143, parameters: 389, withBody: 68),
        Installed(package: "unstructured_client", operations: 30, withParameters: 30, parameters: 69, withBody: 9),
        Installed(package: "livepeer_ai", operations: 10, withParameters: 0, parameters: 0, withBody: 10),
        Installed(package: "friendli", operations: 74, withParameters: 61, parameters: 121, withBody: 48),
    ]

    @Test(arguments: installed)
    func installedSDKs(_ expected: Installed) throws {
        guard let (facts, diagnostics) = try Self.readInstalled(expected.package) else { return }
        #expect(diagnostics == [])
        let operations = facts.operations
        #expect(operations.count == expected.operations)
        #expect(operations.allSatisfy { !$0.method.isEmpty && $0.path.hasPrefix("/") })
        #expect(operations.filter { !$0.parameters.isEmpty }.count == expected.withParameters)
        #expect(operations.map(\.parameters.count).reduce(0, +) == expected.parameters)
        #expect(operations.filter { $0.bodyMediaType != nil }.count == expected.withBody)
        // Every path template is a path parameter.
        for operation in operations {
            let templated = Set(ClientBinding.pathVariables(operation.path))
            let located = Set(operation.parameters.filter { $0.location == "path" }.map(\.name))
            if !operation.parameters.isEmpty || templated.isEmpty {
                #expect(templated == located, "\(operation.sdkName) \(operation.path)")
            }
        }
    }

    @Test func installedAirbyteNamesEachOperationsGroupAndWireNames() throws {
        guard let (facts, _) = try Self.readInstalled("airbyte") else { return }
        let groups = Dictionary(grouping: facts.operations, by: { $0.group ?? "" }).mapValues(\.count)
        #expect(groups == ["connections": 5, "destinations": 6, "jobs": 4, "sources": 7, "streams": 1, "workspaces": 6])
        let listJobs = try Self.operation("list_jobs", in: facts)
        #expect(listJobs.parameters.first == WireParameter(name: "connectionId", location: "query", style: "form", explode: true))
        #expect(try Self.operation("delete_connection", in: facts).method == "DELETE")
    }

    @Test func installedUnstructuredSendsItsAPIKeyHeader() throws {
        guard let (facts, _) = try Self.readInstalled("unstructured_client") else { return }
        #expect(facts.operations.allSatisfy { $0.parameters.contains { $0.name == "unstructured-api-key" && $0.location == "header" } })
        let partition = try Self.operation("partition", in: facts)
        #expect(partition.bodyMediaType == "multipart/form-data")
        #expect(partition.group == "general")
    }
}
