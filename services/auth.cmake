# mea_auth: who may see and change what (docs/security.md): token
# authentication, the policy table, the auth interceptor, redaction of
# confidential fields, TLS set-up, and the audit trail with its service.

# Two small libraries meactl shares with the server without pulling in the
# server (storage, SQLite): the loopback rule, and the token file's format
# with the principals it names.
add_library(mea_net STATIC ${CMAKE_CURRENT_LIST_DIR}/net/loopback.cc)
target_include_directories(mea_net PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(mea_net PUBLIC absl::strings)

add_library(mea_tokens STATIC
    ${CMAKE_CURRENT_LIST_DIR}/auth/principal.cc
    ${CMAKE_CURRENT_LIST_DIR}/auth/token_file.cc)
target_include_directories(mea_tokens PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(mea_tokens PUBLIC
    mea_rules OpenSSL::Crypto absl::flat_hash_set absl::status absl::statusor
    absl::strings absl::time)

add_library(mea_auth STATIC
    ${CMAKE_CURRENT_LIST_DIR}/auth/token_store.cc
    ${CMAKE_CURRENT_LIST_DIR}/auth/authenticator.cc
    ${CMAKE_CURRENT_LIST_DIR}/auth/auth_log.cc
    ${CMAKE_CURRENT_LIST_DIR}/auth/call_auth.cc
    ${CMAKE_CURRENT_LIST_DIR}/auth/call_peer.cc
    ${CMAKE_CURRENT_LIST_DIR}/auth/refusal_log.cc
    ${CMAKE_CURRENT_LIST_DIR}/auth/auth_interceptor.cc
    ${CMAKE_CURRENT_LIST_DIR}/auth/server_security.cc
    ${CMAKE_CURRENT_LIST_DIR}/policy.cc
    ${CMAKE_CURRENT_LIST_DIR}/redaction.cc
    ${CMAKE_CURRENT_LIST_DIR}/audit_trail.cc
    ${CMAKE_CURRENT_LIST_DIR}/audit_service.cc)
target_include_directories(mea_auth PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(mea_auth PUBLIC
    mea_net mea_tokens mea_service_common mea_storage mea_rules mea_proto
    gRPC::grpc++ protobuf::libprotobuf OpenSSL::Crypto absl::flat_hash_map
    absl::flat_hash_set absl::status absl::statusor absl::strings
    absl::time)
